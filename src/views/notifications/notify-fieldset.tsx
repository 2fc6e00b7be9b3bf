import type { SiteView } from '../site.js';

export interface NotifyChoiceView {
  article: boolean;
  replies: boolean;
}

/**
 * "Notify of" under the comment form: two checkboxes readers know. A signed-in reader is
 * subscribed at once with the account's address; a guest uses the form's email field and gets a
 * confirmation link first.
 */
export function NotifyFieldset({ site, notify }: { site: SiteView; notify?: NotifyChoiceView }) {
  const { t } = site.i18n;
  return (
    <fieldset class="comment-notify" aria-describedby="comment-notify-hint">
      <legend>{t('notifications.form.legend')}</legend>
      <label class="check">
        <input type="checkbox" name="notify_article" value="1" checked={notify?.article ?? false} /> {t('notifications.form.followUps')}
      </label>
      <label class="check">
        <input type="checkbox" name="notify_replies" value="1" checked={notify?.replies ?? false} /> {t('notifications.form.replies')}
      </label>
      <span id="comment-notify-hint" class="hint">
        {site.viewer ? t('notifications.form.hintUser') : t('notifications.form.hintGuest')}
      </span>
    </fieldset>
  );
}
