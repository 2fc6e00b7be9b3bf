import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { castVote } from '../src/features/discussion/cast-vote.js';
import { createGuest } from '../src/features/discussion/create-guest.js';
import { saveSiteSettings } from '../src/features/settings/site-settings.js';
import { createTestApp, type TestApp } from './support/app.js';
import { bulkComments, commentIds, Reader, seedComment } from './support/discussion.js';
import { makeArticle } from './support/factories.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await saveSiteSettings(t.ctx.database.db, { commentsPerPage: 3 });
  await t.ctx.reloadSettings();
});
afterAll(() => t.cleanup());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
const decodeEntities = (href: string) => href.replace(/&amp;/g, '&');
const nextHref = (html: string) => {
  const m = /<a href="([^"]+)" rel="next" data-load-more/.exec(html);
  return m ? (decodeEntities(m[1] as string).split('#')[0] ?? null) : null;
};

async function votes(commentId: number, up: number, down: number) {
  for (let i = 0; i < up + down; i++) {
    const { guestId } = await createGuest(t.ctx);
    await castVote(t.ctx, { identity: { kind: 'guest', guestId }, commentId, value: i < up ? 'up' : 'down' });
  }
}

describe('the discussion section', () => {
  it('has a labelled section, count, invitation, sort tabs and a form with the names readers know', async () => {
    const article = await makeArticle(t.ctx, { slug: 'the-page' });
    await seedComment(t.ctx, { articleId: article.id, body: 'First!' });
    const res = await get('/articles/the-page');
    expect(res.headers['set-cookie']).toBeUndefined();
    const html = res.body;
    expect(html).toContain('<section id="comments" class="discussion" aria-labelledby="comments-heading"');
    expect(html).toContain('<h2 id="comments-heading">1 comment</h2>');
    // The count at the top of the article leads to the discussion.
    expect(html).toContain('<p class="article-comments"><a href="#comments">1 comment</a></p>');
    expect(html).toContain('<a href="#comment-form">Would love your thoughts, please comment.</a>');
    // The close button is for the script to wire; without it, it stays hidden.
    expect(html).toContain('<button type="button" class="discussion-invite-close" data-invite-close="true" hidden aria-label="Close">');
    for (const [sort, name] of [['newest', 'Newest'], ['oldest', 'Oldest'], ['votes', 'Most Voted'], ['best', 'Best']]) {
      expect(html).toMatch(new RegExp(`<a href="/articles/the-page(\\?sort=${sort})?#comments"( aria-current="page")? data-sort="${sort}">${name}</a>`));
    }
    expect(html).toContain('aria-current="page" data-sort="newest">Newest</a>');
    expect(html).toContain('<a href="/articles/the-page#comments">View all comments</a>');
    expect(html).toContain('<label for="comment-body">Comment</label>');
    expect(html).toContain('<label for="comment-name">Name</label>');
    expect(html).toContain('<label for="comment-email">Email</label>');
    expect(html).toContain('<button type="submit">Post Comment</button>');
    expect(html).toContain('<input type="hidden" name="idempotency_key" value/>');
    expect(html).toMatch(/<a class="comment-reply" href="\/articles\/the-page\?replyto=\d+#comment-form"[^>]*>Reply<\/a>/);
    const best = (await get('/articles/the-page?sort=best')).body;
    expect(best).toContain('aria-current="page" data-sort="best">Best</a>');
  });

  it('shows the comment count on article cards, and keeps it current', async () => {
    const article = await makeArticle(t.ctx, { slug: 'card-count', title: 'Card count report' });
    const home = (await get('/')).body;
    expect(home).toContain('<a href="/articles/card-count#comments" class="card-comments">No comments</a>');
    expect((await get('/')).headers['x-cache']).toBe('hit');
    await new Reader(t.app).comment('card-count', 'Counting');
    expect((await get('/')).body).toContain('<a href="/articles/card-count#comments" class="card-comments">1 comment</a>');
    expect((await get('/tags/news')).body).toContain('1 comment');
    expect((await get('/api/v1/articles/card-count/comments')).json()).toMatchObject({ total: 1 });
    expect(article.id).toBeGreaterThan(0);
  });

  it('opens the form as a reply with ?replyto, without JavaScript', async () => {
    const article = await makeArticle(t.ctx, { slug: 'reply-link' });
    const parent = await seedComment(t.ctx, { articleId: article.id, name: 'Petro' });
    const html = (await get(`/articles/reply-link?replyto=${parent.id}`)).body;
    expect(html).toContain('<h3 id="comment-form-heading">Reply to Petro</h3>');
    expect(html).toContain(`<input type="hidden" name="parent_id" value="${parent.id}"/>`);
    expect(html).toContain('Cancel reply');
  });
});

describe('sorting and paging', () => {
  let ids: number[];
  beforeAll(async () => {
    const article = await makeArticle(t.ctx, { slug: 'sorted' });
    ids = [];
    for (let i = 0; i < 7; i++) {
      ids.push((await seedComment(t.ctx, { articleId: article.id, body: `Comment ${i}` })).id);
      t.clock.advance(1000);
    }
    // Most Voted ranks by net score; Best by the Wilson lower bound: few but unanimous votes win there.
    await votes(ids[1] as number, 12, 8); // score 4, Wilson 0.39
    await votes(ids[2] as number, 3, 0); // score 3, Wilson 0.44
    await votes(ids[3] as number, 1, 2); // score -1
  });

  async function walk(sort: string): Promise<number[]> {
    const seen: number[] = [];
    let url: string | null = `/articles/sorted${sort === 'newest' ? '' : `?sort=${sort}`}`;
    while (url) {
      const html = (await get(url)).body;
      seen.push(...commentIds(html));
      url = nextHref(html);
    }
    return seen;
  }

  it.each([
    ['newest', [6, 5, 4, 3, 2, 1, 0]],
    ['oldest', [0, 1, 2, 3, 4, 5, 6]],
    ['votes', [1, 2, 6, 5, 4, 0, 3]],
    // Wilson: one up and two down still beats no votes at all.
    ['best', [2, 1, 3, 6, 5, 4, 0]],
  ])('pages through %s with "Load more", three threads a page, each once', async (sort, order) => {
    expect(await walk(sort as string)).toEqual(order.map((i) => ids[i]));
  });

  it('keeps pages stable when a comment arrives between them', async () => {
    const first = (await get('/articles/sorted?sort=oldest')).body;
    const next = nextHref(first) as string;
    await new Reader(t.app).comment('sorted', 'A late arrival');
    const second = (await get(next)).body;
    expect(commentIds(second)).toEqual([ids[3], ids[4], ids[5]]);
  });

  it('pages the JSON API with the same cursors', async () => {
    const page = (await get('/api/v1/articles/sorted/comments?sort=oldest')).json();
    expect(page.items.map((c: { id: number }) => c.id)).toEqual([ids[0], ids[1], ids[2]]);
    const next = (await get(`/api/v1/articles/sorted/comments?sort=oldest&after=${page.next}`)).json();
    expect(next.items.map((c: { id: number }) => c.id)).toEqual([ids[3], ids[4], ids[5]]);
    expect(next.items[0]).toMatchObject({ authorName: 'Reader', bodyHtml: '<p>Comment 3</p>', score: -1, upvotes: 1, downvotes: 2, depth: 0, parentId: null });
    expect(next.items[0].url).toBe(`http://outpost.test/articles/sorted/comments/${ids[3]}`);
  });

  it.each([
    ['/articles/sorted?sort=top', 'The “sort” parameter must be one of: newest, oldest, votes, best.'],
    ['/articles/sorted?after=garbage', 'The “after” parameter is not a position in this discussion. Start again from the first page.'],
    ['/articles/sorted?sort=votes&after=n_1747735200000_5', 'The “after” parameter is not a position in this discussion.'],
    ['/articles/sorted?thread=abc', 'The “thread” parameter must be a whole number.'],
    ['/api/v1/articles/sorted/comments?sort=hot', 'The “sort” parameter must be one of: newest, oldest, votes, best.'],
  ])('answers %s with 400 and a clear message', async (url, message) => {
    const res = await get(url);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain(message.replace(/“/g, '“'));
    const json = await get(url, { accept: 'application/json' });
    expect(json.statusCode).toBe(400);
    expect(json.json().error.message).toContain(message);
  });
});

describe('long threads and permalinks', () => {
  let article: { id: number; slug: string };
  let root: number;
  let replies: number[];
  beforeAll(async () => {
    article = await makeArticle(t.ctx, { slug: 'long-thread' });
    root = (await seedComment(t.ctx, { articleId: article.id, body: 'Root', name: 'Rooty' })).id;
    replies = [];
    for (let i = 0; i < 5; i++) replies.push((await seedComment(t.ctx, { articleId: article.id, parentId: root, body: `Reply ${i}` })).id);
    for (let i = 0; i < 4; i++) await seedComment(t.ctx, { articleId: article.id, body: `Later thread ${i}` });
  });

  it('collapses a long thread behind "Show N more replies", which leads to the whole thread', async () => {
    const page2 = (await get(nextHref((await get('/articles/long-thread')).body) as string)).body;
    const shown = commentIds(page2);
    expect(shown.slice(shown.indexOf(root))).toEqual([root, ...replies.slice(0, 3)]);
    const more = new RegExp(`<a href="(/articles/long-thread\\?thread=${root}#comment-${root})" data-more-replies="${root}">Show 2 more replies</a>`).exec(page2);
    expect(more).not.toBeNull();
    const thread = (await get(decodeEntities(more?.[1] as string).split('#')[0] as string)).body;
    expect(commentIds(thread)).toEqual([root, ...replies]);
    expect(thread).toContain('You are reading one thread of the discussion.');
    expect(thread).toContain('View all comments');
    expect((await get('/articles/long-thread?thread=99999999')).statusCode).toBe(404);
  });

  it('redirects a permalink to the page that shows the comment, with its anchor', async () => {
    const top = await get(`/articles/long-thread/comments/${root}`);
    expect(top.statusCode).toBe(302);
    expect(top.headers.location).toMatch(new RegExp(`^/articles/long-thread\\?after=n_\\d+_\\d+#comment-${root}$`));
    expect(commentIds((await get(String(top.headers.location).split('#')[0] as string)).body)).toContain(root);
    const shown = await get(`/articles/long-thread/comments/${replies[1]}`);
    expect(shown.headers.location).toBe(String(top.headers.location).replace(`#comment-${root}`, `#comment-${replies[1]}`));
    const collapsed = await get(`/articles/long-thread/comments/${replies[4]}`);
    expect(collapsed.headers.location).toBe(`/articles/long-thread?thread=${root}#comment-${replies[4]}`);
    expect((await get('/articles/long-thread/comments/99999999')).statusCode).toBe(404);
    const other = await makeArticle(t.ctx, { slug: 'not-this-one' });
    expect((await get(`/articles/not-this-one/comments/${root}`)).statusCode).toBe(404);
    expect(other.id).toBeGreaterThan(0);
  });

  it('pages a very long thread 200 replies at a time, and permalinks find the right page', async () => {
    const big = await makeArticle(t.ctx, { slug: 'very-long-thread' });
    const { rootIds } = await bulkComments(t.ctx, big.id, { roots: 1, replies: 450 });
    const head = rootIds[0] as number;
    const first = (await get(`/articles/very-long-thread?thread=${head}`)).body;
    expect(commentIds(first)).toHaveLength(201);
    const second = (await get(nextHref(first) as string)).body;
    const third = (await get(nextHref(second) as string)).body;
    expect(commentIds(second)).toHaveLength(201);
    expect(commentIds(third)).toHaveLength(51);
    expect(nextHref(third)).toBeNull();
    const all = [...commentIds(first), ...commentIds(second).slice(1), ...commentIds(third).slice(1)];
    expect(new Set(all).size).toBe(451);
    const last = all[all.length - 1] as number;
    const location = String((await get(`/articles/very-long-thread/comments/${last}`)).headers.location);
    expect(location).toMatch(new RegExp(`^/articles/very-long-thread\\?thread=${head}&after=t_\\d+#comment-${last}$`));
    expect(commentIds((await get(location.split('#')[0] as string)).body)).toContain(last);
  });
});
