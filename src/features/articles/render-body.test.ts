import { describe, expect, it } from 'vitest';
import { excerpt, renderArticleBody } from './render-body.js';

describe('renderArticleBody', () => {
  it('turns a lone image into a figure that opens full size', async () => {
    const { html } = await renderArticleBody('Intro.\n\n![Front line map](/media/map.png "Map: the front on 1 May")\n\nAfter.');
    expect(html).toContain('<figure class="figure"><a class="zoom" href="/media/map.png" data-zoom><img src="/media/map.png" alt="Front line map"');
    expect(html).toContain('<figcaption>Map: the front on 1 May</figcaption>');
    expect(html).not.toMatch(/<p>\s*<figure/);
  });

  it('drops scripts, event handlers and javascript: links', async () => {
    const { html } = await renderArticleBody('<script>alert(1)</script>\n\n<a href="javascript:alert(1)" onclick="x()">x</a> <img src=x onerror=alert(1)>');
    expect(html).not.toMatch(/script|onclick|onerror|javascript:/);
  });

  it('gives plain text for search and excerpts', async () => {
    const { text } = await renderArticleBody('# Title\n\nSome *emphasis* & more.\n\n- one\n- two');
    expect(text).toBe('Title\nSome emphasis & more.\none\ntwo');
  });

  it('cuts excerpts at a word', () => {
    expect(excerpt('one two three four', 9)).toBe('one two…');
    expect(excerpt('short', 9)).toBe('short');
  });
});
