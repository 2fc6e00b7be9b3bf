import { MARK_END, MARK_START, type SearchHit } from '../../features/search/search-articles.js';
import { ArticleTitle, Authors, Dateline, Pager } from '../components.js';
import { Layout } from '../layout.js';
import type { SiteView } from '../site.js';

/** Show a snippet with its matches in <mark>, everything escaped by the renderer. */
function Snippet({ text }: { text: string }) {
  const parts = text.split(MARK_START);
  return (
    <p class="snippet">
      {parts.map((part, i) => {
        if (i === 0) return part;
        const [hit = '', rest = ''] = part.split(MARK_END);
        return (
          <>
            <mark>{hit}</mark>
            {rest}
          </>
        );
      })}
    </p>
  );
}

export function SearchPage({ site, q, items, total, page, pages }: { site: SiteView; q: string; items: SearchHit[]; total: number; page: number; pages: number }) {
  const { t } = site.i18n;
  return (
    <Layout site={site} title={q ? t('search.resultsFor', { q }) : t('search.title')} noindex>
      <header class="page-header">
        <h1>{q ? t('search.resultsFor', { q }) : t('search.title')}</h1>
        <form class="search-big" role="search" action="/search" method="get">
          <label for="search-q">{t('site.search.label')}</label>
          <div class="row">
            <input id="search-q" type="search" name="q" value={q} maxLength={200} />
            <button type="submit">{t('search.button')}</button>
          </div>
        </form>
        {q && <p aria-live="polite">{t('search.count', { count: total })}</p>}
      </header>
      {!q && <p>{t('search.prompt')}</p>}
      {q && total === 0 && (
        <p>
          {t('search.none')} <a href="/archive">{t('site.nav.archive')}</a>
        </p>
      )}
      <ol class="results">
        {items.map((hit) => (
          <li>
            <article>
              <h2 class="card-title">
                <a href={`/articles/${hit.slug}`}>
                  <ArticleTitle site={site} article={hit} />
                </a>
              </h2>
              <Dateline site={site} iso={hit.publishedAt} />
              <Snippet text={hit.snippet || hit.standfirst} />
              <p class="card-meta">
                <Authors site={site} authors={hit.authors} />
              </p>
            </article>
          </li>
        ))}
      </ol>
      <Pager site={site} page={page} pages={pages} href={(n) => `/search?q=${encodeURIComponent(q)}${n > 1 ? `&page=${n}` : ''}`} />
    </Layout>
  );
}
