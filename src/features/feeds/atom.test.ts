import { describe, expect, it } from 'vitest';
import { renderAtom } from './atom.js';
import { channel, HOSTILE_CONTENT, HOSTILE_TITLE, makeItem, site } from './test-fixtures.js';
import { children, nth, only, parseXml, type XmlElement } from './test-xml.js';

function links(parent: XmlElement) {
  return children(parent, 'link').map((l) => l.attributes);
}

describe('renderAtom', () => {
  it('renders a well-formed feed head', () => {
    const xml = renderAtom(site, channel, []);
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed ')).toBe(true);
    const feed = parseXml(xml);
    expect(feed.name).toBe('feed');
    expect(feed.attributes.xmlns).toBe('http://www.w3.org/2005/Atom');
    expect(only(feed, 'id').text).toBe(channel.selfUrl);
    expect(only(feed, 'title').text).toBe(channel.title);
    expect(only(feed, 'subtitle').text).toBe(channel.description);
    expect(only(feed, 'updated').text).toBe('2024-03-05T09:30:00.000Z');
    expect(links(feed)).toEqual([
      { rel: 'self', type: 'application/atom+xml', href: channel.selfUrl },
      { rel: 'alternate', type: 'text/html', href: channel.link },
    ]);
    const author = only(feed, 'author');
    expect(only(author, 'name').text).toBe('The Outpost & Co');
    expect(only(author, 'uri').text).toBe('https://news.example');
  });

  it('renders an entry with every field', () => {
    const entry = only(parseXml(renderAtom(site, channel, [makeItem()])), 'entry');
    expect(only(entry, 'id').text).toBe('https://news.example/2024/03/05/power-out');
    expect(only(entry, 'title').text).toBe('Night the power went out');
    expect(links(entry)).toContainEqual({ rel: 'alternate', type: 'text/html', href: 'https://news.example/2024/03/05/power-out' });
    expect(only(entry, 'published').text).toBe('2024-03-05T08:00:00.000Z');
    expect(only(entry, 'updated').text).toBe('2024-03-05T08:15:00.000Z');
    expect(children(entry, 'author').map((a) => [only(a, 'name').text, only(a, 'uri').text])).toEqual([
      ['Olena K.', 'https://news.example/authors/olena'],
      ["Sam O'Neil", 'https://news.example/authors/sam'],
    ]);
    expect(children(entry, 'category').map((c) => c.attributes)).toEqual([
      { term: 'Energy', label: 'Energy' },
      { term: 'R&D', label: 'R&D' },
    ]);
    expect(only(entry, 'summary').attributes.type).toBe('text');
    expect(only(entry, 'summary').text).toBe('Kharkiv, after dark & cold.');
    const content = only(entry, 'content');
    expect(content.attributes.type).toBe('html');
    expect(content.text).toBe('<p>Read the <a href="https://news.example/2024/03/04/earlier">earlier report</a>.</p>');
  });

  it('escapes hostile titles and HTML content instead of embedding markup', () => {
    const xml = renderAtom(site, channel, [makeItem({ title: HOSTILE_TITLE, contentHtml: HOSTILE_CONTENT })]);
    expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; &apos;apos&apos;');
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain('<p>');
    expect(xml).toContain('ends with ]]&gt; here');
    const entry = only(parseXml(xml), 'entry');
    expect(only(entry, 'title').text).toBe(HOSTILE_TITLE);
    expect(only(entry, 'content').text).toContain('<code>a[b[0]]&gt;c</code> ends with ]]> here');
    expect(only(entry, 'content').text).toContain('src="https://news.example/media/map.png"');
  });

  it('lists entries in order and omits the image link when there is none', () => {
    const feed = parseXml(renderAtom(site, channel, [makeItem({ title: 'one', imageUrl: null }), makeItem({ title: 'two' })]));
    const entries = children(feed, 'entry');
    expect(entries.map((e) => only(e, 'title').text)).toEqual(['one', 'two']);
    expect(links(nth(entries, 0)).map((l) => l.rel)).toEqual(['alternate']);
    expect(links(nth(entries, 1))).toContainEqual({ rel: 'enclosure', href: 'https://news.example/media/cover.jpg' });
  });
});
