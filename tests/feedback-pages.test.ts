import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app.js';
import { createComment } from '../src/features/discussion/create-comment.js';
import { createGuest } from '../src/features/discussion/create-guest.js';
import { commentIds, Reader } from './support/discussion.js';
import { makeArticle } from './support/factories.js';
import { anchorsOf, highlights, passageJson, selectPassage } from './support/feedback.js';

let t: TestApp;
let article: { id: number; slug: string };

const body = [
  'The council met on Tuesday.',
  '',
  'The plan: {{feedback "Is two weeks realistic?"}}the bridge closes for two weeks{{/feedback}} from Monday.',
  '',
  '- Buses take the ring road.',
  '- The ferry runs every twenty minutes.',
].join('\n');

beforeAll(async () => {
  t = await createTestApp();
  article = await makeArticle(t.ctx, {
    title: 'Bridge closes',
    slug: 'bridge-closes',
    bodyMarkdown: body,
  });
});
afterAll(() => t.cleanup());

const get = (url: string) => t.app.inject({ method: 'GET', url });

/** The hidden passage fields of the comment form on a page. */
function formFields(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="(passage_\w+)" value="([^"]*)"/g))
    out[m[1] as string] = (m[2] as string).replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  return out;
}

describe('the article page', () => {
  it('offers a link after every paragraph and list item, and shows the author’s question at the passage', async () => {
    const html = (await get('/articles/bridge-closes')).body;
    expect(html).toContain(
      '<a class="para-comment" href="/articles/bridge-closes/feedback?p=0" data-p="0" data-feedback-ui>Comment<span class="visually-hidden"> on this paragraph</span></a></p>',
    );
    expect(html).toContain('href="/articles/bridge-closes/feedback?p=3"');
    expect(html).toContain(
      '<mark class="feedback-prompt" data-feedback-prompt="Is two weeks realistic?">the bridge closes for two weeks</mark><a class="feedback-ask" href="/articles/bridge-closes/feedback?prompt=0" data-prompt="0" data-feedback-ui><span class="feedback-ask-q">Is two weeks realistic?</span>',
    );
    expect(html).toMatch(/<script type="module" src="\/assets\/feedback\.[0-9a-f]+\.js">/);
  });
});

describe('without JavaScript', () => {
  it('"Comment" after a paragraph leads to the paragraph quoted with the comment form, which posts a passage comment', async () => {
    const res = await get('/articles/bridge-closes/feedback?p=1');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>Comment on a passage</h1>');
    expect(res.body).toContain('The plan: the bridge closes for two weeks from Monday.</blockquote>');
    expect(res.body).toContain('<form id="comment-form"');
    const fields = formFields(res.body);
    expect(fields).toMatchObject({
      passage_exact: 'The plan: the bridge closes for two weeks from Monday.',
      passage_article: String(article.id),
    });
    const id = await new Reader(t.app).comment('bridge-closes', 'Two weeks, really?', fields);
    const anchor = (await anchorsOf(t.ctx, article.id)).find((a) => a.comment_id === id);
    expect(anchor).toMatchObject({
      state: 'anchored',
      exact: 'The plan: the bridge closes for two weeks from Monday.',
    });
    expect(highlights((await get('/articles/bridge-closes')).body).get(anchor?.id ?? 0)).toBe('The plan: the bridge closes for two weeks from Monday.');
  });

  it('an author’s question leads to its passage, with the question shown', async () => {
    const res = await get('/articles/bridge-closes/feedback?prompt=0');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('The author asks: Is two weeks realistic?');
    expect(formFields(res.body)).toMatchObject({
      passage_exact: 'the bridge closes for two weeks',
      passage_question: 'Is two weeks realistic?',
    });
  });

  it('answers 404 for a paragraph or question the article does not have', async () => {
    const paragraph = await get('/articles/bridge-closes/feedback?p=99');
    expect(paragraph.statusCode).toBe(404);
    expect(paragraph.body).toContain('There is no paragraph 99 in this article.');
    expect((await get('/articles/bridge-closes/feedback?prompt=3')).statusCode).toBe(404);
    expect((await get('/articles/bridge-closes/feedback?p=abc')).statusCode).toBe(400);
  });

  it('a count leads to the passage’s comments, and from there to commenting on it too', async () => {
    const selector = await selectPassage(t.ctx, article.id, 'Buses take the ring road.');
    const first = await new Reader(t.app).request('POST', '/api/v1/articles/bridge-closes/comments', {
      json: {
        body: 'The ring road is jammed.',
        name: 'Ana',
        passage: passageJson(selector),
      },
    });
    const anchor = (await anchorsOf(t.ctx, article.id)).find((a) => a.comment_id === first.json().id);
    const res = await get(`/articles/bridge-closes/passages/${anchor?.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>Comments on a passage</h1>');
    expect(res.body).toContain('Buses take the ring road.</blockquote>');
    expect(res.body).toContain('The ring road is jammed.');
    expect(res.body).toContain(`href="/articles/bridge-closes#passage-${anchor?.id}"`);
    expect(res.body).toContain(`href="/articles/bridge-closes/feedback?passage=${anchor?.id}"`);
    const again = await get(`/articles/bridge-closes/feedback?passage=${anchor?.id}`);
    expect(formFields(again.body)).toMatchObject({
      passage_exact: 'Buses take the ring road.',
    });
    // The script's in-place view is the same, as a fragment.
    const partial = await get(`/articles/bridge-closes/passages/${anchor?.id}?partial=1`);
    expect(partial.body.startsWith('<section class="passage-thread"')).toBe(true);
    expect(partial.body).toContain('The ring road is jammed.');
    expect((await get('/articles/bridge-closes/passages/999999')).statusCode).toBe(404);
  });
});

describe('the "Inline Feedbacks" tab', () => {
  it('has its count, and lists every passage comment with its quote linking to the passage', async () => {
    const html = (await get('/articles/bridge-closes')).body;
    const tab =
      /<a href="([^"]*)"[^>]*data-feedback-tab="true">Inline Feedbacks<span class="discussion-tab-count" aria-hidden="true">(\d+)<\/span><\/a><span id="feedback-tab-count" class="visually-hidden">([^<]*)<\/span>/.exec(
        html,
      );
    expect(tab?.[1]).toBe('/articles/bridge-closes?sort=newest&amp;tab=feedback#comments');
    expect(tab?.[2]).toBe('2');
    expect(tab?.[3]).toBe('2 passage comments');
    const res = await get('/articles/bridge-closes?sort=newest&tab=feedback');
    expect(res.body).toMatch(/aria-current="page" aria-describedby="feedback-tab-count" data-feedback-tab="true">/);
    expect(res.body).not.toMatch(/aria-current="page" data-sort=/);
    const anchors = await anchorsOf(t.ctx, article.id);
    for (const a of anchors) expect(res.body).toContain(`<a href="#passage-${a.id}">${a.exact}</a>`);
    expect(res.body).toContain('The ring road is jammed.');
    expect(res.body).toContain('Two weeks, really?');
    // In text order: the paragraph before the list item.
    expect(res.body.indexOf('Two weeks, really?')).toBeLessThan(res.body.indexOf('The ring road is jammed.'));
    // An ordinary comment is not in it.
    await new Reader(t.app).comment('bridge-closes', 'Just a general remark');
    expect((await get('/articles/bridge-closes?sort=newest&tab=feedback')).body).not.toContain('Just a general remark');
  });

  it('pages past 100 threads with a "Load more" link that works without scripts', async () => {
    const busy = await makeArticle(t.ctx, { slug: 'busy-day', bodyMarkdown: 'The market opened early.\n\nThe rain came at noon.' });
    const early = await selectPassage(t.ctx, busy.id, 'opened early');
    const rain = await selectPassage(t.ctx, busy.id, 'The rain came');
    const posted: number[] = [];
    for (let i = 0; i < 105; i++) {
      const { guestId } = await createGuest(t.ctx);
      const { comment } = await createComment(t.ctx, {
        identity: { kind: 'guest', guestId },
        articleId: busy.id,
        body: `Passage remark number ${i}.`,
        name: 'Reader',
        passage: passageJson(i < 60 ? early : rain),
      });
      posted.push(comment.id);
    }
    const first = (await get('/articles/busy-day?sort=newest&tab=feedback')).body;
    const more = /<p class="discussion-more"><a href="([^"]*)" rel="next" data-feedback-more="true">Load more<\/a><\/p>/.exec(first);
    expect(more?.[1]).toMatch(/^\/articles\/busy-day\?sort=newest&amp;tab=feedback&amp;after=[^"#]+#comments$/);
    const page1 = commentIds(first);
    expect(page1).toHaveLength(100);
    const second = await get((more?.[1] ?? '').replace(/&amp;/g, '&'));
    expect(second.statusCode).toBe(200);
    const page2 = commentIds(second.body);
    expect(page2).toHaveLength(5);
    expect(second.body).not.toContain('data-feedback-more');
    expect(second.body).not.toContain('data-load-more');
    // Every thread once, in the order of the text.
    expect([...page1, ...page2]).toEqual(posted);
    expect((await get('/articles/busy-day?sort=newest&tab=feedback&after=nonsense')).statusCode).toBe(400);
  });

  it('says so when there is nothing on any passage yet', async () => {
    await makeArticle(t.ctx, {
      slug: 'quiet-day',
      bodyMarkdown: 'Nothing happened.',
    });
    const res = await get('/articles/quiet-day?tab=feedback');
    expect(res.body).toContain('No one has commented on a passage yet.');
  });
});
