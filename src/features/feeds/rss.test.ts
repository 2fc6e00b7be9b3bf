import { describe, expect, it } from 'vitest';
import { renderRss } from './rss.js';
import { channel, HOSTILE_CONTENT, HOSTILE_TITLE, makeItem, site } from './test-fixtures.js';
import { children, nth, only, parseXml } from './test-xml.js';

function parseChannel(xml: string) {
  const rss = parseXml(xml);
  expect(rss.name).toBe('rss');
  expect(rss.attributes.version).toBe('2.0');
  return only(rss, 'channel');
}

describe('renderRss', () => {
  it('renders a well-formed channel', () => {
    const xml = renderRss(site, channel, []);
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<rss ')).toBe(true);
    const ch = parseChannel(xml);
    expect(only(ch, 'title').text).toBe(channel.title);
    expect(only(ch, 'link').text).toBe(channel.link);
    expect(only(ch, 'description').text).toBe(channel.description);
    expect(only(ch, 'language').text).toBe('en-US');
    expect(only(ch, 'lastBuildDate').text).toBe('Tue, 05 Mar 2024 09:30:00 GMT');
    expect(only(ch, 'atom:link').attributes).toEqual({ href: channel.selfUrl, rel: 'self', type: 'application/rss+xml' });
    expect(xml).toContain('href="https://news.example/feed.xml?section=a&amp;b=1"');
    expect(children(ch, 'item')).toHaveLength(0);
  });

  it('renders an item with every field', () => {
    const item = only(parseChannel(renderRss(site, channel, [makeItem()])), 'item');
    expect(only(item, 'title').text).toBe('Night the power went out');
    expect(only(item, 'link').text).toBe('https://news.example/2024/03/05/power-out');
    expect(only(item, 'guid').attributes.isPermaLink).toBe('true');
    expect(only(item, 'guid').text).toBe('https://news.example/2024/03/05/power-out');
    expect(only(item, 'pubDate').text).toBe('Tue, 05 Mar 2024 08:00:00 GMT');
    expect(children(item, 'dc:creator').map((c) => c.text)).toEqual(['Olena K.', "Sam O'Neil"]);
    expect(children(item, 'category').map((c) => c.text)).toEqual(['Energy', 'R&D']);
    expect(only(item, 'description').text).toBe('Kharkiv, after dark & cold.');
    expect(only(item, 'content:encoded').text).toBe('<p>Read the <a href="https://news.example/2024/03/04/earlier">earlier report</a>.</p>');
    expect(only(item, 'media:content').attributes).toEqual({ url: 'https://news.example/media/cover.jpg', medium: 'image' });
  });

  it('escapes hostile titles and keeps ]]> inside content intact', () => {
    const xml = renderRss(site, channel, [makeItem({ title: HOSTILE_TITLE, summary: '1 < 2 && ]]>', contentHtml: HOSTILE_CONTENT })]);
    expect(xml).toContain('<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; &apos;apos&apos;</title>');
    expect(xml).not.toContain('<script>');
    expect(xml).toContain('ends with ]]]]><![CDATA[> here');
    const item = only(parseChannel(xml), 'item');
    expect(only(item, 'title').text).toBe(HOSTILE_TITLE);
    expect(only(item, 'description').text).toBe('1 < 2 && ]]>');
    const content = only(item, 'content:encoded').text;
    expect(content).toContain('<code>a[b[0]]&gt;c</code> ends with ]]> here</p>');
    expect(content).toContain('<img src="https://news.example/media/map.png" alt="Map">');
    expect(content).toContain('<a href="//cdn.example/x">');
  });

  it('drops control characters everywhere, CDATA included', () => {
    const xml = renderRss(site, channel, [makeItem({ title: 'a\u0001b', contentHtml: '<p>c\u000Bd</p>' })]);
    const item = only(parseChannel(xml), 'item');
    expect(only(item, 'title').text).toBe('ab');
    expect(only(item, 'content:encoded').text).toBe('<p>cd</p>');
  });

  it('omits media:content without an image and keeps item order', () => {
    const items = [makeItem({ imageUrl: null, title: 'one' }), makeItem({ title: 'two', authors: [], tags: [] })];
    const rendered = children(parseChannel(renderRss(site, channel, items)), 'item');
    expect(rendered.map((i) => only(i, 'title').text)).toEqual(['one', 'two']);
    expect(children(nth(rendered, 0), 'media:content')).toHaveLength(0);
    expect(children(nth(rendered, 1), 'dc:creator')).toHaveLength(0);
  });
});
