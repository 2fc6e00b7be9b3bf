import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app.js';
import { Reader } from './support/discussion.js';
import { makeArticle } from './support/factories.js';
import { anchorsOf, countLabel, highlights, passageForm, passageJson, selectPassage, textOf } from './support/feedback.js';

let t: TestApp;
let article: { id: number; slug: string };
let other: { id: number; slug: string };

const body = [
  'The council met on Tuesday to discuss the *old bridge*.',
  '',
  'Engineers say the eastern span needs six weeks of repairs before it can carry buses again.',
  '',
  'The ferry will run every twenty minutes while [the bridge](https://example.org/bridge) is closed.',
].join('\n');

beforeAll(async () => {
  t = await createTestApp();
  article = await makeArticle(t.ctx, {
    title: 'Bridge closes',
    slug: 'bridge-closes',
    bodyMarkdown: body,
  });
  other = await makeArticle(t.ctx, {
    title: 'Market day',
    slug: 'market-day',
    bodyMarkdown: 'Stalls open at dawn on the square, and the fishmongers arrive first.',
  });
});
afterAll(() => t.cleanup());

const anonymous = (url: string) => t.app.inject({ method: 'GET', url });
const commentCount = async () =>
  Number(
    (
      await t.ctx.database.db
        .selectFrom('comments')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('posting a passage comment', () => {
  it('without JavaScript: stores the selectors, and the page highlights the passage with its count', async () => {
    const selector = await selectPassage(t.ctx, article.id, 'six weeks of repairs');
    expect(selector.quote).toEqual({
      exact: 'six weeks of repairs',
      prefix: 'ridge.\nEngineers say the eastern span needs '.slice(-32),
      suffix: ' before it can carry buses again',
    });
    // The anonymous page is cached before the post…
    await anonymous('/articles/bridge-closes');
    const reader = new Reader(t.app);
    const id = await reader.comment('bridge-closes', 'Six weeks is optimistic.', passageForm(selector, article.id));
    const [anchor] = await anchorsOf(t.ctx, article.id);
    expect(anchor).toMatchObject({
      comment_id: id,
      quote: 'six weeks of repairs',
      exact: 'six weeks of repairs',
      prefix: selector.quote.prefix,
      suffix: selector.quote.suffix,
      start_offset: selector.position.start,
      end_offset: selector.position.end,
      state: 'anchored',
    });
    // …and invalidated by it: the highlight is there for everyone.
    const page = await anonymous('/articles/bridge-closes');
    expect(page.headers['x-cache']).toBe('miss');
    expect(highlights(page.body).get(anchor?.id ?? 0)).toBe('six weeks of repairs');
    expect(page.body).toContain(`<mark class="passage" data-passage="${anchor?.id}" id="passage-${anchor?.id}">six weeks of repairs</mark>`);
    expect(countLabel(page.body, anchor?.id ?? 0)).toBe('1 comment on this passage');
    // It is a comment like any other: in the discussion, with its quote linking to the passage.
    expect(page.body).toContain(`<article id="comment-${id}"`);
    expect(page.body).toContain(`<a href="#passage-${anchor?.id}">six weeks of repairs</a>`);
  });

  it('through the JSON API, with replies and votes as for any comment; counts include replies', async () => {
    const selector = await selectPassage(t.ctx, article.id, 'The ferry will run every twenty minutes');
    const alice = new Reader(t.app);
    const res = await alice.request('POST', '/api/v1/articles/bridge-closes/comments', {
      json: {
        body: 'Every twenty minutes? Hardly.',
        name: 'Alice',
        passage: passageJson(selector, article.id),
      },
    });
    expect(res.statusCode).toBe(201);
    const comment = res.json();
    const bob = new Reader(t.app);
    const reply = await bob.request('POST', '/api/v1/articles/bridge-closes/comments', {
      json: {
        body: 'It was on time today.',
        name: 'Bob',
        parentId: comment.id,
      },
    });
    expect(reply.json()).toMatchObject({ parentId: comment.id, depth: 1 });
    expect(
      (
        await bob.request('POST', `/api/v1/comments/${comment.id}/vote`, {
          json: { value: 'up' },
        })
      ).json(),
    ).toMatchObject({ score: 1 });
    const anchor = (await anchorsOf(t.ctx, article.id)).find((a) => a.comment_id === comment.id);
    const page = await anonymous('/articles/bridge-closes');
    expect(countLabel(page.body, anchor?.id ?? 0)).toBe('2 comments on this passage');
    // The passage crosses a link: one mark outside it, one inside, never a mark around the link.
    expect(page.body).toContain(`<mark class="passage" data-passage="${anchor?.id}" id="passage-${anchor?.id}">The ferry will run every twenty minutes</mark>`);
    // A second comment on the same passage joins it: one highlight, one count.
    const again = await new Reader(t.app).request('POST', '/api/v1/articles/bridge-closes/comments', {
      json: {
        body: 'Agreed.',
        name: 'Carol',
        passage: passageJson(selector),
      },
    });
    expect(again.statusCode).toBe(201);
    const after = await anonymous('/articles/bridge-closes');
    expect(countLabel(after.body, anchor?.id ?? 0)).toBe('3 comments on this passage');
    expect(after.body.match(/class="passage-count"/g)).toHaveLength(2);
  });

  it('accepts a selector whose position went stale, by its quote and context', async () => {
    const selector = await selectPassage(t.ctx, article.id, 'carry buses again');
    const stale = {
      ...passageJson(selector),
      start: selector.position.start - 5,
      end: selector.position.end - 5,
    };
    const res = await new Reader(t.app).request('POST', '/api/v1/articles/bridge-closes/comments', { json: { body: 'Buses!', name: 'Dan', passage: stale } });
    expect(res.statusCode).toBe(201);
    const anchor = (await anchorsOf(t.ctx, article.id)).find((a) => a.comment_id === res.json().id);
    expect(anchor).toMatchObject({
      start_offset: selector.position.start,
      end_offset: selector.position.end,
      exact: 'carry buses again',
    });
  });
});

describe('repeated words on different passages', () => {
  it('keeps the same short reply on two passages within a minute as two comments, and a double submit as one', async () => {
    const reader = new Reader(t.app);
    const a = await selectPassage(t.ctx, article.id, 'The council met on Tuesday');
    const b = await selectPassage(t.ctx, article.id, 'The ferry will run every twenty minutes');
    const onA = await reader.comment('bridge-closes', 'Agreed.', passageForm(a, article.id));
    t.clock.advance(5_000);
    const onB = await reader.comment('bridge-closes', 'Agreed.', passageForm(b, article.id));
    expect(onB).not.toBe(onA);
    const anchors = await anchorsOf(t.ctx, article.id);
    expect(anchors.find((x) => x.comment_id === onA)).toMatchObject({ quote: 'The council met on Tuesday' });
    expect(anchors.find((x) => x.comment_id === onB)).toMatchObject({ quote: 'The ferry will run every twenty minutes' });
    // Without a key, the same words on the same passage this soon are still a double submit…
    expect(await reader.comment('bridge-closes', 'Agreed.', passageForm(b, article.id))).toBe(onB);
    // …and the same words as an ordinary comment are a comment of their own.
    const plain = await reader.comment('bridge-closes', 'Agreed.');
    expect([onA, onB]).not.toContain(plain);
    expect((await anchorsOf(t.ctx, article.id)).some((x) => x.comment_id === plain)).toBe(false);
  });
});

describe('bad passages, each refused with its own code and message, and nothing stored', () => {
  const post = (passage: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    new Reader(t.app).request('POST', '/api/v1/articles/bridge-closes/comments', { json: { body: 'About this passage', name: 'Eve', passage, ...extra } });

  it.each([
    ['a quote that matches nothing', () => ({ exact: 'a bridge made of cheese', start: 0, end: 23 }), 422, 'passage_not_found', /not in the article’s text/],
    [
      'a quote longer than the article',
      async () => ({
        exact: `${await textOf(t.ctx, article.id)} and more`,
        start: 0,
        end: 10,
      }),
      422,
      'passage_too_long',
      /longer than the whole article/,
    ],
    [
      'a passage from another article, said to be from it',
      async () => ({
        ...passageJson(await selectPassage(t.ctx, other.id, 'Stalls open at dawn')),
        articleId: other.id,
      }),
      422,
      'passage_wrong_article',
      /another article/,
    ],
    [
      'a passage from another article’s text',
      async () => passageJson(await selectPassage(t.ctx, other.id, 'the fishmongers arrive first')),
      422,
      'passage_not_found',
      /not in the article’s text/,
    ],
    ['an empty selection', () => ({ exact: '', start: 4, end: 4 }), 422, 'passage_empty', /Select some text/],
    ['a selection of nothing but spaces', () => ({ exact: '   ', start: 3, end: 6 }), 422, 'passage_empty', /Select some text/],
    ['an overlapping (reversed) range', () => ({ exact: 'council', start: 11, end: 4 }), 422, 'passage_range_invalid', /must start before it ends/],
    ['a range ending where it starts', () => ({ exact: 'council', start: 4, end: 4 }), 422, 'passage_range_invalid', /must start before it ends/],
    ['a range past the end of the text', () => ({ exact: 'council', start: 4, end: 100_000 }), 422, 'passage_out_of_bounds', /outside the article’s text/],
    ['a range before its start', () => ({ exact: 'council', start: -3, end: 4 }), 422, 'passage_out_of_bounds', /outside the article’s text/],
    ['a start without an end', () => ({ exact: 'council', start: 4 }), 400, 'passage_invalid', /start, end and exact text/],
  ] as const)('%s', async (_name, make, status, code, message) => {
    const before = await commentCount();
    const res = await post(await make());
    expect(res.statusCode).toBe(status);
    expect(res.json().error).toMatchObject({
      code,
      message: expect.stringMatching(message),
    });
    expect(await commentCount()).toBe(before);
  });

  it('a reply that quotes a passage', async () => {
    const parent = (await anchorsOf(t.ctx, article.id))[0]?.comment_id;
    const res = await post(passageJson(await selectPassage(t.ctx, article.id, 'council met')), { parentId: parent });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('passage_on_reply');
  });

  it('without JavaScript: the form comes back with the message, the text and the quote', async () => {
    const before = await commentCount();
    const res = await new Reader(t.app).post('/articles/bridge-closes/comments', {
      body: 'My careful comment',
      name: 'Olena',
      ...passageForm({
        quote: { exact: 'a bridge made of cheese', prefix: '', suffix: '' },
        position: { start: 0, end: 23 },
      }),
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('This passage is not in the article’s text');
    expect(res.body).toContain('My careful comment');
    expect(res.body).toMatch(/<div class="comment-form-passage" id="comment-passage" data-feedback-form[^>]*>/);
    expect(res.body).toContain('a bridge made of cheese</blockquote>');
    expect(res.body).toContain('name="passage_exact" value="a bridge made of cheese"');
    expect(await commentCount()).toBe(before);
  });

  it('without JavaScript: a quote past what a form field may hold comes back with the message and the text, not a bare 400', async () => {
    const before = await commentCount();
    const res = await new Reader(t.app).post('/articles/bridge-closes/comments', {
      body: 'My comment on a giant quote',
      name: 'Olena',
      ...passageForm({ quote: { exact: 'q'.repeat(20_001), prefix: '', suffix: '' }, position: { start: 0, end: 20_001 } }),
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toMatch(/longer than the whole article/);
    expect(res.body).toContain('My comment on a giant quote');
    expect(await commentCount()).toBe(before);
  });

  it('an ordinary comment posts as before with the passage fields left empty', async () => {
    const id = await new Reader(t.app).comment('bridge-closes', 'Not about any passage', {
      passage_start: '',
      passage_end: '',
      passage_exact: '',
      passage_prefix: '',
      passage_suffix: '',
      passage_article: '',
      passage_question: '',
    });
    expect(Number.isInteger(id)).toBe(true);
    expect((await anchorsOf(t.ctx, article.id)).some((a) => a.comment_id === id)).toBe(false);
  });
});
