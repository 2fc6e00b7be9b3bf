import type { Passage } from '../../features/feedback/passages.js';
import type { SiteView } from '../site.js';

/** A passage quoted above a comment about it, linking to it in the article (or marked as gone); nothing without one. */
export function PassageQuote({ site, passage }: { site: SiteView; passage: Passage | undefined }) {
  if (!passage) return null;
  const { t } = site.i18n;
  const gone = passage.state === 'orphaned';
  return (
    <figure class={`comment-passage${gone ? ' comment-passage-gone' : ''}`}>
      <figcaption>{gone ? t('feedback.onGonePassage') : t('feedback.onPassage')}</figcaption>
      <blockquote class="passage-quote" dir="auto">
        {gone ? passage.text : <a href={`#passage-${passage.id}`}>{passage.text}</a>}
      </blockquote>
    </figure>
  );
}
