import type { FundingProgress } from '../features/funding/get-funding-progress.js';
import type { I18n } from '../i18n/index.js';

/** What every page needs to know about the site. Built by http/, passed to every view. */
export interface SiteView {
  name: string;
  description: string;
  /** PUBLIC_URL, without a trailing slash. */
  url: string;
  accentColor: string;
  logoUrl: string | null;
  i18n: I18n;
  /** Fingerprinted asset URLs by source name ('site.css', 'article.js'). */
  assets: Record<string, string>;
  nav: Array<{ name: string; slug: string }>;
  /**
   * The signed-in account, for the header. Null or absent on every page the shared cache may
   * store (anonymous requests), so a cached page is the same for everyone.
   */
  viewer?: Viewer | null;
  /** The funding bar and where it goes (site setting); null when there is no running campaign or it is off. */
  funding?: { placement: 'header' | 'article'; progress: FundingProgress } | null;
}

/** The signed-in account as the header shows it. */
export interface Viewer {
  name: string;
  /** Works in /admin: the header links to it. */
  staff: boolean;
  /** The session's CSRF token, for the sign-out form. */
  csrfToken: string | null;
}

export interface FeedLink {
  type: 'application/rss+xml' | 'application/atom+xml' | 'application/feed+json';
  title: string;
  href: string;
}
