import { Layout } from '../layout.js';
import type { SiteView } from '../site.js';

export interface EditCommentPageProps {
  site: SiteView;
  commentId: number;
  body: string;
  /** UTC ISO: when the edit window ends; null when the comment can no longer be edited (a refused edit shown again). */
  until: string | null;
  back: string;
  error: string | null;
  /** Offer "Delete" (the author's own comment); default true. */
  canDelete?: boolean;
}

/**
 * The edit form: on its own page without scripts, and in place of the comment with them (then its
 * field ids carry the comment's id, since the page's own comment form is there too, and the back
 * link reads "Cancel").
 */
export function EditCommentForm({ site, commentId, body, back, error, inline = false }: Omit<EditCommentPageProps, 'until'> & { inline?: boolean }) {
  const { t } = site.i18n;
  const field = inline ? `edit-body-${commentId}` : 'comment-body';
  return (
    <form class="comment-form comment-edit-form" method="post" action={`/comments/${commentId}/edit`} data-edit-form={commentId}>
      {error && (
        <div class="form-problems" role="alert">
          <p>{error}</p>
        </div>
      )}
      <p class="field">
        <label for={field}>{t('discussion.form.body')}</label>
        <textarea id={field} name="body" rows={8} required aria-invalid={error ? 'true' : undefined} aria-describedby={`${field}-hint`} autofocus={!inline}>
          {body}
        </textarea>
        <span id={`${field}-hint`} class="hint">
          {t('discussion.form.bodyHint')}
        </span>
      </p>
      <p>
        <button type="submit">{t('discussion.editPage.save')}</button>{' '}
        <a href={back} data-edit-cancel>
          {inline ? t('discussion.editCancel') : t('discussion.editPage.back')}
        </a>
      </p>
    </form>
  );
}

/** Edit one's own comment without scripts; also where one deletes it. Never cached (personal). */
export function EditCommentPage({ site, commentId, body, until, back, error, canDelete = true }: EditCommentPageProps) {
  const { t } = site.i18n;
  return (
    <Layout site={site} title={t('discussion.editPage.title')} noindex>
      <header class="page-header">
        <h1>{t('discussion.editPage.title')}</h1>
        {until && <p class="lead">{t('discussion.editPage.until', { time: site.i18n.dateTime(until) })}</p>}
      </header>
      <EditCommentForm site={site} commentId={commentId} body={body} back={back} error={error} />
      {canDelete && (
        <form class="comment-delete" method="post" action={`/comments/${commentId}/delete`}>
          <p class="muted">{t('discussion.editPage.deleteNote')}</p>
          <button type="submit">{t('discussion.delete')}</button>
        </form>
      )}
    </Layout>
  );
}
