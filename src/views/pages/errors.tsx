import type { ArticleSummary } from '../../features/articles/queries.js';
import { ArticleList } from '../components.js';
import { Layout } from '../layout.js';
import type { SiteView } from '../site.js';

/** A 404 that helps: a search box and the latest reports. */
export function NotFoundPage({ site, path, latest }: { site: SiteView; path: string; latest: ArticleSummary[] }) {
  const { t } = site.i18n;
  const guess = decodeURIComponent(path.split('/').filter(Boolean).pop() ?? '').replace(/[-_]+/g, ' ').slice(0, 100);
  return (
    <Layout site={site} title={t('notFound.title')} noindex>
      <header class="page-header">
        <h1>{t('notFound.title')}</h1>
        <p class="lead">{t('notFound.lead')}</p>
      </header>
      <form class="search-big" role="search" action="/search" method="get">
        <label for="nf-q">{t('notFound.try')}</label>
        <div class="row">
          <input id="nf-q" type="search" name="q" value={guess} />
          <button type="submit">{t('search.button')}</button>
        </div>
      </form>
      {latest.length > 0 && (
        <section aria-labelledby="nf-latest">
          <h2 id="nf-latest">{t('notFound.latest')}</h2>
          <ArticleList site={site} items={latest} />
        </section>
      )}
    </Layout>
  );
}

/** Any other error: what happened, in words, and a way on. */
export function ErrorPage({ site, status, message }: { site: SiteView; status: number; message: string }) {
  const { t } = site.i18n;
  const title = status >= 500 ? t('error.title') : t('error.badRequest');
  return (
    <Layout site={site} title={title} noindex>
      <header class="page-header">
        <h1>{title}</h1>
        <p class="lead">{message}</p>
      </header>
      <p>
        <a href="/">{t('notFound.latest')}</a>
      </p>
    </Layout>
  );
}
