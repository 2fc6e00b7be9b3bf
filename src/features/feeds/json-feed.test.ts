import { describe, expect, it } from 'vitest';
import { buildJsonFeed, type JsonFeed, renderJsonFeed } from './json-feed.js';
import { channel, HOSTILE_CONTENT, HOSTILE_TITLE, makeItem, site } from './test-fixtures.js';

function parse(text: string): JsonFeed {
  return JSON.parse(text) as JsonFeed;
}

describe('renderJsonFeed', () => {
  it('renders the top-level fields of JSON Feed 1.1', () => {
    const feed = parse(renderJsonFeed(site, channel, []));
    expect(feed).toEqual({
      version: 'https://jsonfeed.org/version/1.1',
      title: channel.title,
      description: channel.description,
      home_page_url: 'https://news.example/',
      feed_url: 'https://news.example/feed.xml?section=a&b=1',
      language: 'en-US',
      authors: [{ name: 'The Outpost & Co', url: 'https://news.example' }],
      items: [],
    });
  });

  it('renders an item with every field', () => {
    const [item] = parse(renderJsonFeed(site, channel, [makeItem()])).items;
    expect(item).toEqual({
      id: 'https://news.example/2024/03/05/power-out',
      url: 'https://news.example/2024/03/05/power-out',
      title: 'Night the power went out',
      content_html: '<p>Read the <a href="https://news.example/2024/03/04/earlier">earlier report</a>.</p>',
      summary: 'Kharkiv, after dark & cold.',
      date_published: '2024-03-05T08:00:00.000Z',
      date_modified: '2024-03-05T08:15:00.000Z',
      authors: [
        { name: 'Olena K.', url: 'https://news.example/authors/olena' },
        { name: "Sam O'Neil", url: 'https://news.example/authors/sam' },
      ],
      tags: ['Energy', 'R&D'],
      image: 'https://news.example/media/cover.jpg',
    });
    expect(typeof item?.id).toBe('string');
  });

  it('omits image rather than writing null', () => {
    const text = renderJsonFeed(site, channel, [makeItem({ imageUrl: null })]);
    expect(text).not.toContain('"image"');
    expect(parse(text).items[0]).not.toHaveProperty('image');
  });

  it('round-trips hostile titles and content exactly', () => {
    const [item] = parse(renderJsonFeed(site, channel, [makeItem({ title: HOSTILE_TITLE, contentHtml: HOSTILE_CONTENT })])).items;
    expect(item?.title).toBe(HOSTILE_TITLE);
    expect(item?.content_html).toContain('ends with ]]> here');
    expect(item?.content_html).toContain('<img src="https://news.example/media/map.png" alt="Map">');
  });

  it('returns the same data as buildJsonFeed', () => {
    const items = [makeItem(), makeItem({ id: 43, url: 'https://news.example/b', title: 'b' })];
    expect(parse(renderJsonFeed(site, channel, items))).toEqual(buildJsonFeed(site, channel, items));
  });
});
