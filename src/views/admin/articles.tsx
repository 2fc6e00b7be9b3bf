import type { ArticleStatus } from '../../db/schema/index.js';
import type { AdminArticleRow } from '../../features/articles/admin-queries.js';
import { Pager } from '../components.js';
import { FormMessage } from '../form-fields.js';
import { AdminLayout, type AdminLayoutProps } from './layout.js';

export interface ArticlesFilterView {
  status: ArticleStatus | '';
  author: string;
  tag: string;
  q: string;
}

export interface ArticlesPageProps {
  shell: Omit<AdminLayoutProps, 'title' | 'children'>;
  filter: ArticlesFilterView;
  items: Array<AdminArticleRow & { editable: boolean }>;
  total: number;
  page: number;
  pages: number;
  authors: Array<{ id: number; name: string }>;
  tags: Array<{ id: number; name: string }>;
  canCreate: boolean;
  notice?: string | null;
}

/** The list URL with these filters (and page), empty values left out. */
export function articlesHref(filter: ArticlesFilterView, page = 1): string {
  const params = new URLSearchParams();
  if (filter.q) params.set('q', filter.q);
  if (filter.status) params.set('status', filter.status);
  if (filter.author) params.set('author', filter.author);
  if (filter.tag) params.set('tag', filter.tag);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return `/admin/articles${query ? `?${query}` : ''}`;
}

export function StatusBadge({ status, label }: { status: ArticleStatus; label: string }) {
  return <span class={`status status-${status}`}>{label}</span>;
}

/** /admin/articles: every article, filtered by status, author, tag and words, newest change first. */
export function ArticlesPage(props: ArticlesPageProps) {
  const { site } = props.shell;
  const { t } = site.i18n;
  const f = props.filter;
  const statuses: ArticleStatus[] = ['draft', 'scheduled', 'published'];
  return (
    <AdminLayout {...props.shell} title={t('admin.articles.title')}>
      <div class="admin-heading">
        <h1>{t('admin.articles.title')}</h1>
        {props.canCreate && (
          <a class="button" href="/admin/articles/new">
            {t('admin.articles.new')}
          </a>
        )}
      </div>
      <FormMessage message={props.notice} kind="info" />
      <form method="get" action="/admin/articles" class="admin-filters" aria-label={t('admin.articles.filters')}>
        <div class="field">
          <label for="f-q">{t('admin.articles.search')}</label>
          <input id="f-q" name="q" type="search" value={f.q} maxLength={200} />
        </div>
        <div class="field">
          <label for="f-status">{t('admin.articles.status')}</label>
          <select id="f-status" name="status">
            <option value="">{t('admin.articles.any')}</option>
            {statuses.map((s) => (
              <option value={s} selected={f.status === s}>
                {t(`admin.articles.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-author">{t('admin.articles.author')}</label>
          <select id="f-author" name="author">
            <option value="">{t('admin.articles.any')}</option>
            {props.authors.map((a) => (
              <option value={String(a.id)} selected={f.author === String(a.id)}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-tag">{t('admin.articles.tag')}</label>
          <select id="f-tag" name="tag">
            <option value="">{t('admin.articles.any')}</option>
            {props.tags.map((tag) => (
              <option value={String(tag.id)} selected={f.tag === String(tag.id)}>
                {tag.name}
              </option>
            ))}
          </select>
        </div>
        <div class="form-actions">
          <button type="submit">{t('admin.articles.filter')}</button>
          {(f.q || f.status || f.author || f.tag) && <a href="/admin/articles">{t('admin.articles.clear')}</a>}
        </div>
      </form>
      <p class="muted" role="status">
        {t('admin.articles.count', { count: props.total })}
      </p>
      {props.items.length > 0 && (
        <div class="table-scroll">
          <table class="admin-table">
            <caption class="visually-hidden">{t('admin.articles.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.articles.col.title')}</th>
                <th scope="col">{t('admin.articles.status')}</th>
                <th scope="col">{t('admin.articles.col.authors')}</th>
                <th scope="col">{t('admin.articles.col.tags')}</th>
                <th scope="col">{t('admin.articles.col.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {props.items.map((a) => (
                <tr>
                  <th scope="row">{a.editable ? <a href={`/admin/articles/${a.id}`}>{a.title}</a> : a.title}</th>
                  <td>
                    <StatusBadge status={a.status} label={t(`admin.articles.status.${a.status}`)} />
                    {a.publishedAt && a.status !== 'draft' && (
                      <>
                        {' '}
                        <time dateTime={a.publishedAt} class="muted">
                          {site.i18n.dateTime(a.publishedAt)}
                        </time>
                      </>
                    )}
                  </td>
                  <td>{a.authors.map((x) => x.name).join(', ')}</td>
                  <td>{a.tags.map((x) => x.name).join(', ')}</td>
                  <td>
                    <time dateTime={a.updatedAt}>{site.i18n.dateTime(a.updatedAt)}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager site={site} page={props.page} pages={props.pages} href={(n) => articlesHref(f, n)} />
    </AdminLayout>
  );
}
