import { describe, expect, it } from 'vitest';
import { articleText } from '../../features/feedback/html-text.js';
import { createI18n } from '../../i18n/index.js';
import { decorateBody } from './decorate-body.js';

const i18n = createI18n('en', 'UTC');
const decorate = (html: string, passages: Array<{ id: number; start: number; end: number; count: number }>, open = true) =>
  decorateBody(html, { slug: 's', passages, open, i18n }) as string;
const range = (text: string, exact: string) => ({
  start: text.indexOf(exact),
  end: text.indexOf(exact) + exact.length,
});

describe('decorating the article body', () => {
  const html = '<p>The <em>ferry</em> will run &amp; <a href="/x">buses wait</a> here.</p>\n<ul>\n<li>one</li>\n</ul>';
  const text = articleText(html);

  it('leaves the text model as it was', () => {
    const out = decorate(html, [{ id: 7, ...range(text, 'ferry will run & buses'), count: 2 }]);
    expect(articleText(out)).toBe(text);
  });

  /** What screen readers hear where a highlight starts (the count link after it says where it ends). */
  const start = (count: number) => `<span class="visually-hidden" data-feedback-ui>Passage with ${count} comment${count === 1 ? '' : 's'}: </span>`;

  it('splits a highlight at element boundaries into several marks, announces where it starts, and follows it with its count', () => {
    const out = decorate(html, [{ id: 7, ...range(text, 'ferry will run & buses'), count: 2 }], false);
    expect(out).toBe(
      `<p>The <em>${start(2)}<mark class="passage" data-passage="7" id="passage-7">ferry</mark></em><mark class="passage" data-passage="7"> will run &amp; </mark><a href="/x"><mark class="passage" data-passage="7">buses</mark> wait</a>` +
        '<a class="passage-count" href="/articles/s/passages/7" data-passage="7" data-feedback-ui><span aria-hidden="true">2</span><span class="visually-hidden">2 comments on this passage</span></a> here.</p>\n<ul>\n<li>one</li>\n</ul>',
    );
  });

  it('marks overlapping passages piece by piece, each with its own target', () => {
    const out = decorate(
      '<p>abcdefgh</p>',
      [
        { id: 1, start: 0, end: 4, count: 1 },
        { id: 2, start: 2, end: 6, count: 1 },
        { id: 3, start: 2, end: 4, count: 1 },
      ],
      false,
    );
    expect(out).toContain(
      `<p>${start(1)}<mark class="passage" data-passage="1" id="passage-1">ab</mark>${start(1)}${start(1)}<span id="passage-3" class="passage-target" data-feedback-ui></span><mark class="passage" data-passage="1 2 3" id="passage-2">cd</mark>`,
    );
    expect(out).toContain('<mark class="passage" data-passage="2">ef</mark>');
    expect(articleText(out)).toBe('abcdefgh');
  });

  it('adds a link after each paragraph and list item, outside inline elements, when comments are open', () => {
    const out = decorate('<p>Hello <strong>world</strong></p><ul><li>a<ul><li>b</li></ul></li></ul><h2>Title</h2>', []);
    expect(out).toContain(
      '<strong>world</strong><a class="para-comment" href="/articles/s/feedback?p=0" data-p="0" data-feedback-ui>Comment<span class="visually-hidden"> on this paragraph</span></a></p>',
    );
    expect(out).toContain('<li>a<a class="para-comment" href="/articles/s/feedback?p=1"');
    expect(out).toContain('<li>b<a class="para-comment" href="/articles/s/feedback?p=2"');
    expect(out).not.toContain('feedback?p=3');
    expect(decorate('<p>Hello</p>', [], false)).toBe('<p>Hello</p>');
  });

  it("shows an author's question after the passage, as a link to comment on it", () => {
    const out = decorate(
      '<p>Plan: <mark class="feedback-prompt" data-feedback-prompt="Fair &quot;plan&quot;?">close the <a href="/b">bridge</a></mark>.</p><p><mark class="feedback-prompt">x</mark></p>',
      [],
    );
    expect(out).toContain(
      '</mark><a class="feedback-ask" href="/articles/s/feedback?prompt=0" data-prompt="0" data-feedback-ui><span class="feedback-ask-q">Fair "plan"?</span>',
    );
    expect(out).toContain('feedback?prompt=1" data-prompt="1" data-feedback-ui><span class="feedback-ask-q">What do you think?</span>');
    expect(articleText(out)).toBe('Plan: close the bridge.\nx');
  });

  it('never puts a link inside a link', () => {
    const out = decorate('<p><a href="/x">one two three</a></p>', [{ id: 4, start: 0, end: 3, count: 1 }]);
    expect(out).toMatch(
      /^<p><a href="\/x"><span class="visually-hidden" data-feedback-ui>Passage with 1 comment: <\/span><mark class="passage" data-passage="4" id="passage-4">one<\/mark> two three<\/a><a class="passage-count"[^>]*>.*?<\/a><a class="para-comment"/,
    );
  });

  it('ignores passages out of range and passages without comments', () => {
    expect(
      decorate(
        '<p>abc</p>',
        [
          { id: 1, start: 2, end: 9, count: 1 },
          { id: 2, start: 0, end: 1, count: 0 },
        ],
        false,
      ),
    ).toBe('<p>abc</p>');
  });
});
