// Shared view-models for this area's tests.
import type { FeedChannel, FeedItem, FeedSite } from './types.js';

export const HOSTILE_TITLE = `<script>alert(1)</script> & "quotes" 'apos'`;
export const HOSTILE_CONTENT = '<p>Code: <code>a[b[0]]&gt;c</code> ends with ]]> here</p><img src="/media/map.png" alt="Map"><a href="//cdn.example/x">cdn</a>';

export const site: FeedSite = {
  name: 'The Outpost & Co',
  description: 'Independent reporting',
  url: 'https://news.example',
  language: 'en-US',
};

export const channel: FeedChannel = {
  title: 'The Outpost — latest',
  description: 'Latest reports',
  link: 'https://news.example/',
  selfUrl: 'https://news.example/feed.xml?section=a&b=1',
  updated: '2024-03-05T09:30:00.000Z',
};

export function makeItem(overrides: Partial<FeedItem> = {}): FeedItem {
  return {
    title: 'Night the power went out',
    url: 'https://news.example/2024/03/05/power-out',
    id: 42,
    summary: 'Kharkiv, after dark & cold.',
    contentHtml: '<p>Read the <a href="/2024/03/04/earlier">earlier report</a>.</p>',
    publishedAt: '2024-03-05T08:00:00Z',
    updatedAt: '2024-03-05T09:15:00+01:00',
    authors: [
      { name: 'Olena K.', url: 'https://news.example/authors/olena' },
      { name: 'Sam O\'Neil', url: 'https://news.example/authors/sam' },
    ],
    tags: [
      { name: 'Energy', url: 'https://news.example/tags/energy' },
      { name: 'R&D', url: 'https://news.example/tags/r-d' },
    ],
    imageUrl: 'https://news.example/media/cover.jpg',
    ...overrides,
  };
}
