import { describe, expect, it } from 'vitest';
import { commentExcerpt, htmlToText } from './excerpt.js';

describe('comment excerpts', () => {
  it('turns sanitised HTML into plain text', () => {
    expect(htmlToText('<p>The <em>ferry</em> &amp; the bridge</p><p>Second&nbsp;line &#8212; &#x2014;</p>')).toBe('The ferry & the bridge\nSecond line — —');
    expect(htmlToText('<blockquote><p>Quoted</p></blockquote><ul><li>one</li><li>two</li></ul>')).toBe('Quoted\none\ntwo');
    expect(htmlToText('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>')).toBe('<script>alert(1)</script>');
  });

  it('cuts long comments at a word', () => {
    const long = `<p>${'word '.repeat(100)}</p>`;
    const excerpt = commentExcerpt(long, 52);
    expect(excerpt.endsWith('word…')).toBe(true);
    expect([...excerpt].length).toBeLessThanOrEqual(53);
    expect(commentExcerpt('<p>Short.</p>')).toBe('Short.');
  });
});
