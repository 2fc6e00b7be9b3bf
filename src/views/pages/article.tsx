import type { ArticleFull } from '../../features/articles/queries.js';
import type { Video } from '../../features/articles/video.js';
import { jsonForScript } from '../../shared/escape.js';
import { ArticleTitle, Authors, Dateline } from '../components.js';
import { DiscussionSection } from '../discussion/discussion-section.js';
import { FundingBar } from '../funding/funding-bar.js';
import type { DiscussionView } from '../discussion/types.js';
import { Layout } from '../layout.js';
import { rawHtml, type SafeHtml } from '../render.js';
import type { SiteView } from '../site.js';

export interface ArticlePageProps {
  site: SiteView;
  article: ArticleFull;
  bodyHtml: SafeHtml;
  video: Video | null;
  /** The discussion under the article (absent: none shown). */
  discussion?: DiscussionView;
}

function absolute(site: SiteView, url: string): string {
  return url.startsWith('/') ? `${site.url}${url}` : url;
}

function newsArticleJsonLd(site: SiteView, article: ArticleFull, canonical: string) {
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.title.slice(0, 110),
    description: article.standfirst || undefined,
    datePublished: article.publishedAt,
    dateModified: article.updatedAt,
    mainEntityOfPage: { '@type': 'WebPage', '@id': canonical },
    url: canonical,
    image: article.coverUrl ? [absolute(site, article.coverUrl)] : undefined,
    author: article.authors.map((a) => ({ '@type': 'Person', name: a.name, url: `${site.url}/authors/${a.slug}` })),
    publisher: {
      '@type': 'Organization',
      name: site.name,
      url: `${site.url}/`,
      ...(site.logoUrl ? { logo: { '@type': 'ImageObject', url: absolute(site, site.logoUrl) } } : {}),
    },
    articleSection: article.tags[0]?.name,
    keywords: article.tags.map((t) => t.name).join(', ') || undefined,
    isAccessibleForFree: true,
  };
}

function VideoFacade({ site, article, video }: { site: SiteView; article: ArticleFull; video: Video }) {
  const { t } = site.i18n;
  const href = video.kind === 'mp4' ? video.url : video.watchUrl;
  const embed = video.kind === 'mp4' ? video.url : video.embedUrl;
  return (
    <figure class="video" data-video={video.kind === 'mp4' ? 'file' : 'frame'} data-embed={embed}>
      <a class="video-facade" href={href} data-play>
        {article.coverUrl && <img src={article.coverUrl} alt="" width="1600" height="900" />}
        <span class="video-play" aria-hidden="true" />
        <span class="video-label">{t('article.play', { title: article.title })}</span>
      </a>
      <figcaption class="muted">{t('article.playNote', { host: video.host })}</figcaption>
    </figure>
  );
}

export function ArticlePage({ site, article, bodyHtml, video, discussion }: ArticlePageProps) {
  const { t } = site.i18n;
  const canonical = `${site.url}/articles/${article.slug}`;
  const fullTitle = article.hasVideo ? `${article.title} ${t('article.videoSuffix')}` : article.title;
  const image = article.coverUrl ? absolute(site, article.coverUrl) : null;
  const head = [
    <meta property="og:type" content="article" />,
    <meta property="og:site_name" content={site.name} />,
    <meta property="og:title" content={fullTitle} />,
    <meta property="og:description" content={article.standfirst} />,
    <meta property="og:url" content={canonical} />,
    <meta property="og:locale" content={site.i18n.locale.replace('-', '_')} />,
    image ? <meta property="og:image" content={image} /> : <></>,
    <meta property="article:published_time" content={article.publishedAt} />,
    <meta property="article:modified_time" content={article.updatedAt} />,
    ...article.tags.map((tag) => <meta property="article:tag" content={tag.name} />),
    <meta name="twitter:card" content={image ? 'summary_large_image' : 'summary'} />,
    <meta name="twitter:title" content={fullTitle} />,
    <meta name="twitter:description" content={article.standfirst} />,
    image ? <meta name="twitter:image" content={image} /> : <></>,
    <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonForScript(newsArticleJsonLd(site, article, canonical)) }} />,
  ];
  return (
    <Layout
      site={site}
      title={fullTitle}
      description={article.standfirst || undefined}
      canonical={canonical}
      head={head}
      scripts={['article.js', ...(discussion ? ['discussion.js', 'feedback.js'] : []), ...(site.funding?.placement === 'article' ? ['funding.js'] : [])]}
      feeds={article.tags.slice(0, 1).map((tag) => ({ type: 'application/rss+xml' as const, title: `${site.name}: ${tag.name}`, href: `${site.url}/tags/${tag.slug}/feed.xml` }))}
    >
      <article class="article" style={{ '--zoom-hint': JSON.stringify(t('article.fullSize')) }}>
        <header class="article-header">
          {article.tags[0] && (
            <p class="kicker">
              <a href={`/tags/${article.tags[0].slug}`}>{article.tags[0].name}</a>
            </p>
          )}
          <h1>
            <ArticleTitle site={site} article={article} />
          </h1>
          {article.standfirst && <p class="standfirst lead">{article.standfirst}</p>}
          <div class="article-meta">
            <Dateline site={site} iso={article.publishedAt} />
            <p>
              <Authors site={site} authors={article.authors} />
            </p>
            <p class="article-comments">
              <a href="#comments">{t('discussion.count', { count: article.commentCount })}</a>
            </p>
            {article.updatedAt > article.publishedAt && new Date(article.updatedAt).getTime() - new Date(article.publishedAt).getTime() > 3_600_000 && (
              <p class="muted">
                {t('article.updated')} <time dateTime={article.updatedAt}>{site.i18n.dateTime(article.updatedAt)}</time>
              </p>
            )}
          </div>
        </header>
        {video ? (
          <VideoFacade site={site} article={article} video={video} />
        ) : (
          article.coverUrl && (
            <figure class="cover">
              <img src={article.coverUrl} alt={article.coverAlt} width="1600" height="900" fetchpriority="high" />
              {(article.coverCaption || article.coverCredit) && (
                <figcaption>
                  {article.coverCaption}
                  {article.coverCredit && <span class="credit"> {article.coverCredit}</span>}
                </figcaption>
              )}
            </figure>
          )
        )}
        <div class="article-body" {...rawHtml(bodyHtml)} />
        {article.tags.length > 0 && (
          <footer class="article-footer">
            <h2 class="visually-hidden">{t('article.tags')}</h2>
            <ul class="tag-list">
              {article.tags.map((tag) => (
                <li>
                  <a href={`/tags/${tag.slug}`}>{tag.name}</a>
                </li>
              ))}
            </ul>
          </footer>
        )}
        {site.funding?.placement === 'article' && <FundingBar site={site} progress={site.funding.progress} variant="article" />}
        {discussion && <DiscussionSection site={site} view={discussion} />}
      </article>
    </Layout>
  );
}
