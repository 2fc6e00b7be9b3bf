// JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). Optional fields are omitted, not null.

import { absolutizeHtml } from './absolute.js';
import type { FeedChannel, FeedItem, FeedLink, FeedSite } from './types.js';
import { rfc3339 } from './xml.js';

export interface JsonFeedAuthor {
  name: string;
  url: string;
}

export interface JsonFeedItem {
  id: string;
  url: string;
  title: string;
  content_html: string;
  summary: string;
  date_published: string;
  date_modified: string;
  authors: JsonFeedAuthor[];
  tags: string[];
  image?: string;
}

export interface JsonFeed {
  version: 'https://jsonfeed.org/version/1.1';
  title: string;
  description: string;
  home_page_url: string;
  feed_url: string;
  language: string;
  authors: JsonFeedAuthor[];
  items: JsonFeedItem[];
}

function author(who: FeedLink): JsonFeedAuthor {
  return { name: who.name, url: who.url };
}

function toJsonItem(site: FeedSite, item: FeedItem): JsonFeedItem {
  const json: JsonFeedItem = {
    id: item.url,
    url: item.url,
    title: item.title,
    content_html: absolutizeHtml(item.contentHtml, site.url),
    summary: item.summary,
    date_published: rfc3339(item.publishedAt),
    date_modified: rfc3339(item.updatedAt),
    authors: item.authors.map(author),
    tags: item.tags.map((tag) => tag.name),
  };
  if (item.imageUrl !== null) json.image = item.imageUrl;
  return json;
}

/** Build the JSON Feed 1.1 object (useful to tests and to the API). */
export function buildJsonFeed(site: FeedSite, channel: FeedChannel, items: readonly FeedItem[]): JsonFeed {
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: channel.title,
    description: channel.description,
    home_page_url: channel.link,
    feed_url: channel.selfUrl,
    language: site.language,
    authors: [{ name: site.name, url: site.url }],
    items: items.map((item) => toJsonItem(site, item)),
  };
}

/** Render a JSON Feed 1.1 document as a string (serve as application/feed+json). */
export function renderJsonFeed(site: FeedSite, channel: FeedChannel, items: readonly FeedItem[]): string {
  return `${JSON.stringify(buildJsonFeed(site, channel, items), null, 2)}\n`;
}
