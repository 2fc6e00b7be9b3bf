import type { ArticleSummary, Byline } from '../features/articles/queries.js';
import type { SiteView } from './site.js';

/** "(Video)" after the title of a video report. */
export function ArticleTitle({ site, article }: { site: SiteView; article: Pick<ArticleSummary, 'title' | 'hasVideo'> }) {
  return (
    <>
      {article.title}
      {article.hasVideo && <span class="video-mark"> {site.i18n.t('article.videoSuffix')}</span>}
    </>
  );
}

/** The dateline: a "MAY 2022" month label and the full date, as a <time>. */
export function Dateline({ site, iso }: { site: SiteView; iso: string }) {
  return (
    <p class="dateline">
      <span class="dateline-month">{site.i18n.monthLabel(iso)}</span>
      <time dateTime={iso}>{site.i18n.date(iso)}</time>
    </p>
  );
}

export function Authors({ site, authors }: { site: SiteView; authors: Byline[] }) {
  const { t } = site.i18n;
  return (
    <span class="byline">
      {t('article.by')}{' '}
      {authors.map((a, i) => (
        <>
          {i > 0 && (i === authors.length - 1 ? ` ${t('article.and')} ` : ', ')}
          <a href={`/authors/${a.slug}`} rel="author">
            {a.name}
          </a>
        </>
      ))}
    </span>
  );
}

export function ArticleCard({ site, article, headingLevel = 2 }: { site: SiteView; article: ArticleSummary; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <article class="card">
      {article.coverUrl && (
        <a class="card-image" href={`/articles/${article.slug}`} tabIndex={-1} aria-hidden="true">
          <img src={article.coverUrl} alt="" loading="lazy" decoding="async" width="480" height="270" />
        </a>
      )}
      <div class="card-body">
        <Dateline site={site} iso={article.publishedAt} />
        <Heading class="card-title">
          <a href={`/articles/${article.slug}`}>
            <ArticleTitle site={site} article={article} />
          </a>
        </Heading>
        {article.standfirst && <p class="standfirst">{article.standfirst}</p>}
        <p class="card-meta">
          <Authors site={site} authors={article.authors} />
          {article.tags.length > 0 && (
            <>
              {' · '}
              {article.tags.map((tag, i) => (
                <>
                  {i > 0 && ', '}
                  <a href={`/tags/${tag.slug}`} class="tag">
                    {tag.name}
                  </a>
                </>
              ))}
            </>
          )}
          {' · '}
          <a href={`/articles/${article.slug}#comments`} class="card-comments">
            {site.i18n.t('discussion.count', { count: article.commentCount })}
          </a>
        </p>
      </div>
    </article>
  );
}

export function ArticleList({ site, items, lead = false }: { site: SiteView; items: ArticleSummary[]; lead?: boolean }) {
  return (
    <div class={lead ? 'cards cards-lead' : 'cards'}>
      {items.map((a) => (
        <ArticleCard site={site} article={a} />
      ))}
    </div>
  );
}

/** Newer/older links; `href(n)` builds the URL of page n. */
export function Pager({ site, page, pages, href }: { site: SiteView; page: number; pages: number; href: (n: number) => string }) {
  if (pages <= 1) return null;
  const { t } = site.i18n;
  return (
    <nav class="pager" aria-label={t('pager.label')}>
      {page > 1 ? (
        <a href={href(page - 1)} rel="prev">
          {t('pager.newer')}
        </a>
      ) : (
        <span />
      )}
      <span class="muted">{t('pager.page', { page, pages })}</span>
      {page < pages ? (
        <a href={href(page + 1)} rel="next">
          {t('pager.older')}
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}
