import { describe, expect, it } from 'vitest';
import { articleText, attrOf, decodeEntities, readHtml } from './html-text.js';

describe('the text model of rendered HTML', () => {
  it('joins blocks with newlines, collapses whitespace and trims each line', () => {
    expect(articleText('<h2>Title</h2>\n<p>One  <em>two</em>\nthree </p>\n\n<p>\n  Four</p>')).toBe('Title\nOne two three\nFour');
  });

  it('gives nested lists, quotes, tables and figures a line per block', () => {
    const html =
      '<ul>\n<li>a<ul>\n<li>b</li>\n</ul>\nc</li>\n<li><p>d</p>\n<p>e</p></li>\n</ul>\n<blockquote>\n<p>q</p>\n</blockquote>\n<table><tr><th>h</th><td>1</td></tr></table><figure class="figure"><a class="zoom" href="/x.png" data-zoom><img src="/x.png" alt="alt text"></a><figcaption>Cap</figcaption></figure>';
    expect(articleText(html)).toBe('a\nb\nc\nd\ne\nq\nh\n1\nCap');
  });

  it('counts <br> as a space, decodes entities, and skips controls and feedback interface', () => {
    expect(articleText('<p>one<br>two &amp; &lt;three&gt; &quot;q&quot; &#233;&#x1F600;&nbsp;x</p>')).toBe('one two & <three> "q" é😀\u00a0x');
    expect(
      articleText(
        '<p>Keep <a class="para-comment" href="/f" data-feedback-ui><span>Comment</span></a>this <button>no</button>text<span data-feedback-ui="">ui</span>.</p>',
      ),
    ).toBe('Keep this text.');
  });

  it('maps every character of the text back to its place in the HTML', () => {
    const { tokens, model } = readHtml('<p>ab <em>cd</em></p><p> e</p>');
    expect(model.text).toBe('ab cd\ne');
    const texts = tokens.filter((t) => t.kind === 'text');
    expect(texts.map((t) => [...(t.map ?? [])])).toEqual([
      [0, 1, 2],
      [3, 4],
      [-1, 6],
    ]);
    expect(model.segments.map((s) => model.text.slice(s.start, s.end))).toEqual(['ab cd', 'e']);
  });

  it('reads attributes and entities', () => {
    expect(attrOf('<mark class="feedback-prompt" data-feedback-prompt="Is &quot;it&quot; so?">', 'data-feedback-prompt')).toBe('Is "it" so?');
    expect(attrOf('<a data-zoom href="x">', 'data-zoom')).toBe('');
    expect(attrOf('<a href="x">', 'data-zoom')).toBeNull();
    expect(decodeEntities('&unknown; &#0; &amp;amp;')).toBe('&unknown; \ufffd &amp;');
  });
});
