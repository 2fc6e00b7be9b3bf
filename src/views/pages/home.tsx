import type { ArticleSummary } from '../../features/articles/queries.js';
import { ArticleList, Pager } from '../components.js';
import { Layout } from '../layout.js';
import type { SiteView } from '../site.js';

export function HomePage({ site, items, page, pages }: { site: SiteView; items: ArticleSummary[]; page: number; pages: number }) {
  const { t } = site.i18n;
  return (
    <Layout site={site} title={page > 1 ? `${t('home.title')} · ${t('pager.page', { page, pages })}` : site.name} canonical={page > 1 ? `${site.url}/?page=${page}` : `${site.url}/`}>
      <h1 class={page > 1 ? undefined : 'visually-hidden'}>{t('home.heading')}</h1>
      {items.length === 0 ? <p>{t('home.empty')}</p> : <ArticleList site={site} items={items} lead={page === 1} />}
      <Pager site={site} page={page} pages={pages} href={(n) => (n === 1 ? '/' : `/?page=${n}`)} />
    </Layout>
  );
}
