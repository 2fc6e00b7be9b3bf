import { describe, expect, it } from 'vitest';
import { normaliseCommentMarkdown, renderCommentMarkdown } from './render-comment.js';

const render = (s: string) => renderCommentMarkdown(normaliseCommentMarkdown(s));

describe('comment markdown', () => {
  it('renders the subset: emphasis, quotes, code and lists', () => {
    expect(render('*soft* **loud** ~~gone~~')).toBe('<p><em>soft</em> <strong>loud</strong> <s>gone</s></p>');
    expect(render('> quoted')).toBe('<blockquote>\n<p>quoted</p>\n</blockquote>');
    expect(render('`a < b`')).toBe('<p><code>a &lt; b</code></p>');
    expect(render('```\nx = 1\n```')).toBe('<pre><code>x = 1\n</code></pre>');
    expect(render('- one\n- two')).toBe('<ul>\n<li>one</li>\n<li>two</li>\n</ul>');
    expect(render('3. three\n4. four')).toBe('<ol start="3">\n<li>three</li>\n<li>four</li>\n</ol>');
  });

  it('links with rel="nofollow ugc noopener", and links plain URLs', () => {
    expect(render('[site](https://example.org/a)')).toBe('<p><a href="https://example.org/a" rel="nofollow ugc noopener">site</a></p>');
    expect(render('see https://example.org/x?y=1 now')).toBe(
      '<p>see <a href="https://example.org/x?y=1" rel="nofollow ugc noopener">https://example.org/x?y=1</a> now</p>',
    );
  });

  it('refuses dangerous links but keeps their text', () => {
    expect(render('[click](javascript:alert(1))')).not.toContain('href');
    expect(render('[click](javascript:alert(1))')).toContain('click');
    expect(render('[x](//evil.example/)')).not.toContain('href');
  });

  it('shows images, headings and raw HTML as the text that was typed', () => {
    expect(render('![alt](https://example.org/i.png)')).not.toContain('<img');
    expect(render('# Big')).toBe('<p># Big</p>');
    expect(render('<script>alert(1)</script>')).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
    expect(render('<img src=x onerror=alert(1)>')).not.toContain('<img');
    expect(render('| a | b |\n|---|---|\n| 1 | 2 |')).not.toContain('<table');
  });

  it('keeps line breaks and strips direction overrides', () => {
    expect(render('one\ntwo')).toBe('<p>one<br />\ntwo</p>');
    expect(normaliseCommentMarkdown('  abc\u202Edef\u2066 \r\n')).toBe('abcdef');
  });
});
