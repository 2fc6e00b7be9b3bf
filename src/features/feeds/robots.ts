// robots.txt: everything public is crawlable; sign-in, admin, the API and search results are not
// (search pages are infinite and thin). Points crawlers at the sitemap index.

import type { FeedSite } from './types.js';

export const DISALLOWED_PATHS: readonly string[] = ['/admin', '/api/', '/signin', '/search'];

/** Render robots.txt for the site. */
export function renderRobots(site: FeedSite): string {
  // A URL with a line break would inject directives; PUBLIC_URL never has one, but be sure.
  const base = site.url.replace(/[\r\n]/g, '').replace(/\/+$/, '');
  return [
    'User-agent: *',
    'Allow: /',
    ...DISALLOWED_PATHS.map((path) => `Disallow: ${path}`),
    '',
    `Sitemap: ${base}/sitemap.xml`,
    '',
  ].join('\n');
}
