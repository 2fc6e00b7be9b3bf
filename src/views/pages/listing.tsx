import type { ArticleSummary } from '../../features/articles/queries.js';
import { ArticleList, Pager } from '../components.js';
import { Layout } from '../layout.js';
import type { FeedLink, SiteView } from '../site.js';

/** A titled list of articles: a tag, an author, a month of the archive. */
export interface ListingProps {
  site: SiteView;
  title: string;
  lead?: string;
  /** Path of page 1, e.g. /tags/energy */
  path: string;
  items: ArticleSummary[];
  page: number;
  pages: number;
  empty: string;
  feeds?: FeedLink[];
}

export function ListingPage(props: ListingProps) {
  const { site } = props;
  const href = (n: number) => (n === 1 ? props.path : `${props.path}?page=${n}`);
  return (
    <Layout site={site} title={props.title} description={props.lead} canonical={`${site.url}${href(props.page)}`} feeds={props.feeds}>
      <header class="page-header">
        <h1>{props.title}</h1>
        {props.lead && <p class="lead">{props.lead}</p>}
        {props.feeds && props.feeds.length > 0 && (
          <p class="feed-links">
            {props.feeds.map((f, i) => (
              <>
                {i > 0 && ' · '}
                <a href={f.href} type={f.type}>
                  {f.type === 'application/rss+xml' ? 'RSS' : 'Atom'}
                </a>
              </>
            ))}
          </p>
        )}
      </header>
      {props.items.length === 0 ? <p>{props.empty}</p> : <ArticleList site={site} items={props.items} />}
      <Pager site={site} page={props.page} pages={props.pages} href={href} />
    </Layout>
  );
}
