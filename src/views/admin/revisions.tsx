import type { RevisionSummary } from '../../features/articles/revisions.js';
import { CsrfInput, FormMessage } from '../form-fields.js';
import { AdminLayout, type AdminLayoutProps } from './layout.js';

export interface RevisionsPageProps {
  shell: Omit<AdminLayoutProps, 'title' | 'children'>;
  article: { id: number; title: string };
  revisions: RevisionSummary[];
  notice?: string | null;
}

/** /admin/articles/:id/revisions: every save (who, when, what), newest first, each restorable. */
export function RevisionsPage({ shell, article, revisions, notice }: RevisionsPageProps) {
  const { site } = shell;
  const { t } = site.i18n;
  return (
    <AdminLayout {...shell} title={t('admin.revisions.title', { title: article.title })}>
      <div class="admin-heading">
        <h1>{t('admin.revisions.title', { title: article.title })}</h1>
        <p class="admin-heading-links">
          <a href={`/admin/articles/${article.id}`}>{t('admin.revisions.back')}</a>
        </p>
      </div>
      <FormMessage message={notice} kind="info" />
      <p class="muted">{t('admin.revisions.lead')}</p>
      <div class="table-scroll">
        <table class="admin-table">
          <caption class="visually-hidden">{t('admin.revisions.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.revisions.when')}</th>
              <th scope="col">{t('admin.revisions.who')}</th>
              <th scope="col">{t('admin.revisions.what')}</th>
              <th scope="col">{t('admin.articles.col.title')}</th>
              <th scope="col">{t('admin.revisions.words')}</th>
              <th scope="col">{t('admin.revisions.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {revisions.map((r, i) => (
              <tr>
                <th scope="row">
                  <time dateTime={r.createdAt}>{site.i18n.dateTime(r.createdAt)}</time>
                </th>
                <td>{r.userName ?? t('admin.revisions.system')}</td>
                <td>
                  {t(r.kind === 'restore' ? 'admin.revisions.kind.restore' : 'admin.revisions.kind.save')}
                  {r.status && ` · ${t(`admin.articles.status.${r.status === 'published' || r.status === 'scheduled' ? r.status : 'draft'}`)}`}
                </td>
                <td>{r.title}</td>
                <td>{site.i18n.number(r.words)}</td>
                <td>
                  {i === 0 ? (
                    <span class="muted">{t('admin.revisions.current')}</span>
                  ) : (
                    <form method="post" action={`/admin/articles/${article.id}/revisions/${r.id}/restore`}>
                      <CsrfInput token={shell.csrfToken} />
                      <button type="submit" class="button-secondary" aria-label={t('admin.revisions.restoreLabel', { when: site.i18n.dateTime(r.createdAt) })}>
                        {t('admin.revisions.restore')}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </AdminLayout>
  );
}
