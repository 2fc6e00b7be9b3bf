import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ArticleInput, saveArticle } from '../src/features/articles/save-article.js';
import { createTestApp, type TestApp } from './support/app.js';
import { Reader } from './support/discussion.js';
import { makeArticle, makeAuthor } from './support/factories.js';
import { anchorsOf, countLabel, highlights, passageJson, selectPassage, textOf } from './support/feedback.js';

let t: TestApp;
let article: { id: number; slug: string };
let input: ArticleInput;

const paragraphs = {
  council: 'The council met on Tuesday to discuss the old bridge.',
  repairs: 'Engineers say the eastern span needs six weeks of repairs before it can carry buses again.',
  ferry: 'The ferry will run every twenty minutes while the bridge is closed.',
  path: 'Residents of the old town asked for a footpath to stay open during the works.',
};

beforeAll(async () => {
  t = await createTestApp();
  const author = await makeAuthor(t.ctx);
  input = {
    title: 'Bridge closes',
    slug: 'bridge-closes',
    bodyMarkdown: [paragraphs.council, paragraphs.repairs, paragraphs.ferry, paragraphs.path].join('\n\n'),
    status: 'published',
    publishedAt: t.ctx.clock.now().toISOString(),
    authorIds: [author.id],
  };
  article = await makeArticle(t.ctx, input);
});
afterAll(() => t.cleanup());

const edit = (bodyMarkdown: string) => saveArticle(t.ctx, { ...input, bodyMarkdown }, article.id);
const page = async () => (await t.app.inject({ method: 'GET', url: '/articles/bridge-closes' })).body;
const feedbackTab = async () =>
  (
    await t.app.inject({
      method: 'GET',
      url: '/articles/bridge-closes?tab=feedback',
    })
  ).body;

async function comment(exact: string, body: string) {
  const res = await new Reader(t.app).request('POST', '/api/v1/articles/bridge-closes/comments', {
    json: {
      body,
      name: 'Reader',
      passage: passageJson(await selectPassage(t.ctx, article.id, exact)),
    },
  });
  expect(res.statusCode).toBe(201);
  const id = res.json().id as number;
  const anchor = (await anchorsOf(t.ctx, article.id)).find((a) => a.comment_id === id);
  if (!anchor) throw new Error('no anchor');
  return { commentId: id, anchorId: anchor.id };
}
const anchor = async (anchorId: number) => (await anchorsOf(t.ctx, article.id)).find((a) => a.id === anchorId);

describe('re-anchoring passage comments when the article is saved', () => {
  let repairs: { commentId: number; anchorId: number };
  let ferry: { commentId: number; anchorId: number };
  let path: { commentId: number; anchorId: number };

  beforeAll(async () => {
    repairs = await comment('six weeks of repairs', 'Optimistic.');
    ferry = await comment('The ferry will run every twenty minutes', 'Every twenty? No.');
    path = await comment('asked for a footpath', 'Yes please.');
  });

  it('follows passages when text is inserted before them and paragraphs move', async () => {
    await edit(
      [`Update: ${paragraphs.council}`, 'A new paragraph with the latest news from the site.', paragraphs.path, paragraphs.repairs, paragraphs.ferry].join(
        '\n\n',
      ),
    );
    const text = await textOf(t.ctx, article.id);
    for (const [passage, exact] of [
      [repairs, 'six weeks of repairs'],
      [ferry, 'The ferry will run every twenty minutes'],
      [path, 'asked for a footpath'],
    ] as const) {
      const row = await anchor(passage.anchorId);
      expect(row).toMatchObject({ state: 'anchored', exact });
      expect(text.slice(row?.start_offset, row?.end_offset)).toBe(exact);
    }
    const html = await page();
    expect(highlights(html).get(repairs.anchorId)).toBe('six weeks of repairs');
    expect(highlights(html).get(path.anchorId)).toBe('asked for a footpath');
    expect(countLabel(html, ferry.anchorId)).toBe('1 comment on this passage');
  });

  it('follows a passage that was itself reworded (fuzzy), keeping the original quote', async () => {
    await edit(
      [paragraphs.council, paragraphs.repairs.replace('six weeks of repairs', 'seven weeks of repairs'), paragraphs.ferry, paragraphs.path].join('\n\n'),
    );
    expect(await anchor(repairs.anchorId)).toMatchObject({
      state: 'anchored',
      exact: 'seven weeks of repairs',
      quote: 'six weeks of repairs',
    });
    expect(highlights(await page()).get(repairs.anchorId)).toBe('seven weeks of repairs');
  });

  it('orphans a passage that is gone, keeps its comment, and lists it under "passages no longer in the article"', async () => {
    const before = Number(
      (
        await t.ctx.database.db
          .selectFrom('comments')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    await edit([paragraphs.council, paragraphs.repairs, paragraphs.path].join('\n\n'));
    expect(await anchor(ferry.anchorId)).toMatchObject({
      state: 'orphaned',
      quote: 'The ferry will run every twenty minutes',
    });
    const html = await page();
    expect(highlights(html).has(ferry.anchorId)).toBe(false);
    expect(html).toContain(`<article id="comment-${ferry.commentId}"`);
    expect(html).toContain('On a passage no longer in the article');
    const tab = await feedbackTab();
    expect(tab).toContain('<h3 id="feedback-orphaned-heading">Passages no longer in the article</h3>');
    const orphaned = tab.slice(tab.indexOf('feedback-orphaned-heading'));
    expect(orphaned).toContain('The ferry will run every twenty minutes</blockquote>');
    expect(orphaned).toContain(`<article id="comment-${ferry.commentId}"`);
    // Nothing is ever dropped.
    expect(
      Number(
        (
          await t.ctx.database.db
            .selectFrom('comments')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(before);
    expect(await anchorsOf(t.ctx, article.id)).toHaveLength(3);
  });

  it('recovers an orphaned passage when its text comes back', async () => {
    await edit([paragraphs.council, paragraphs.repairs, 'Shorter intro.', paragraphs.ferry, paragraphs.path].join('\n\n'));
    const row = await anchor(ferry.anchorId);
    expect(row).toMatchObject({
      state: 'anchored',
      exact: 'The ferry will run every twenty minutes',
    });
    const html = await page();
    expect(highlights(html).get(ferry.anchorId)).toBe('The ferry will run every twenty minutes');
    expect(await feedbackTab()).not.toContain('feedback-orphaned-heading');
  });

  it('keeps highlights correct when an edit splits a passage across elements', async () => {
    await edit(
      [paragraphs.council, paragraphs.repairs.replace('weeks of repairs', 'weeks of *urgent* repairs'), paragraphs.ferry, paragraphs.path].join('\n\n'),
    );
    const row = await anchor(repairs.anchorId);
    expect(row).toMatchObject({
      state: 'anchored',
      exact: 'six weeks of urgent repairs',
    });
    const html = await page();
    expect(html).toContain(
      `<mark class="passage" data-passage="${repairs.anchorId}" id="passage-${repairs.anchorId}">six weeks of </mark><em><mark class="passage" data-passage="${repairs.anchorId}">urgent</mark></em><mark class="passage" data-passage="${repairs.anchorId}"> repairs</mark>`,
    );
  });
});
