/** View-models the distribution-format builders render. Pure data: no DB rows, no request objects. */

export interface FeedSite {
  name: string;
  description: string;
  /** PUBLIC_URL, no trailing slash. */
  url: string;
  /** BCP 47 tag, e.g. 'en-US'. */
  language: string;
}

export interface FeedChannel {
  title: string;
  description: string;
  /** Absolute URL of the HTML page this feed mirrors. */
  link: string;
  /** Absolute URL of this feed itself. */
  selfUrl: string;
  /** ISO 8601 timestamp. */
  updated: string;
}

export interface FeedLink {
  name: string;
  url: string;
}

export interface FeedItem {
  title: string;
  /** Absolute canonical URL. */
  url: string;
  id: number;
  /** Plain-text standfirst. */
  summary: string;
  /** Sanitized HTML of the body; relative `/…` src/href are made absolute against site.url. */
  contentHtml: string;
  /** ISO 8601 timestamp. */
  publishedAt: string;
  /** ISO 8601 timestamp. */
  updatedAt: string;
  authors: FeedLink[];
  tags: FeedLink[];
  /** Absolute URL or null. */
  imageUrl: string | null;
}

export interface SitemapEntry {
  loc: string;
  /** W3C datetime (ISO 8601 timestamp or YYYY-MM-DD). */
  lastmod?: string;
}

export interface NewsSitemapItem {
  loc: string;
  title: string;
  /** ISO 8601 timestamp. */
  publishedAt: string;
}
