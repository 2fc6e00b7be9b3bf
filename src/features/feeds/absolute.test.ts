import { describe, expect, it } from 'vitest';
import { absolutizeHtml } from './absolute.js';

const BASE = 'https://news.example';

describe('absolutizeHtml', () => {
  it.each([
    ['<a href="/a/b?c=1&amp;d=2">x</a>', '<a href="https://news.example/a/b?c=1&amp;d=2">x</a>'],
    ["<img src='/m.png' alt=\"\">", "<img src='https://news.example/m.png' alt=\"\">"],
    ['<IMG SRC="/m.png">', '<IMG SRC="https://news.example/m.png">'],
    ['<img src=/m.png>', '<img src="https://news.example/m.png">'],
    ['<video poster="/p.jpg" src="/v.mp4"></video>', '<video poster="https://news.example/p.jpg" src="https://news.example/v.mp4"></video>'],
    ['<img srcset="/a.jpg 1x, /b.jpg 2x, https://x.example/c.jpg 3x">', '<img srcset="https://news.example/a.jpg 1x, https://news.example/b.jpg 2x, https://x.example/c.jpg 3x">'],
    ['<br/><img src="/m.png"/>', '<br/><img src="https://news.example/m.png"/>'],
  ])('rewrites %s', (input, expected) => {
    expect(absolutizeHtml(input, BASE)).toBe(expected);
  });

  it.each([
    ['protocol-relative', '<img src="//cdn.example/m.png">'],
    ['absolute', '<a href="https://elsewhere.example/x">x</a>'],
    ['relative without slash', '<a href="x/y">x</a>'],
    ['fragment', '<a href="#notes">x</a>'],
    ['other attribute', '<a data-href="/x" title="/y">x</a>'],
    ['href inside another attribute', `<a title='see href="/x"' href="#">x</a>`],
    ['text that looks like markup', '<p>write href=&quot;/x&quot; or src="/y" in text</p>'],
    ['comment', '<!-- <a href="/x"> -->'],
  ])('leaves %s alone', (_case, input) => {
    expect(absolutizeHtml(input, BASE)).toBe(input);
  });

  it('ignores a trailing slash on the base URL', () => {
    expect(absolutizeHtml('<a href="/x">x</a>', `${BASE}/`)).toBe('<a href="https://news.example/x">x</a>');
  });

  it.each([
    ['unterminated comments', '<!--'.repeat(20000)],
    ['unterminated tags', '<a b'.repeat(20000)],
    ['whitespace runs', '<a  '.repeat(20000)],
    ['tag-name runs', '<a<a'.repeat(20000)],
  ])('stays linear on hostile input: %s', (_case, input) => {
    const started = performance.now();
    expect(absolutizeHtml(input, BASE)).toBe(input);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
