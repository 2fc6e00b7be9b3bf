import type { SiteView } from '../site.js';

/** The hidden field's name; the moderation pipeline's honeypot rule looks at it (features/moderation/rules/honeypot.ts). */
export const HONEYPOT_FIELD = 'website';

/**
 * A field people never see or reach: off-screen, hidden from assistive technology, out of the tab
 * order, never autofilled. Robots that fill in every field fill it in, and their comment is caught.
 */
export function Honeypot({ site }: { site: SiteView }) {
  return (
    <div class="visually-hidden comment-hp" aria-hidden="true">
      <label for="comment-website">{site.i18n.t('moderation.honeypot')}</label>
      <input id="comment-website" name={HONEYPOT_FIELD} type="text" tabIndex={-1} autocomplete="off" value="" />
    </div>
  );
}
