import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from './support/app.js';
import { Reader } from './support/discussion.js';
import { makeArticle } from './support/factories.js';

// One rule of the pipeline crashes on every comment (a bug, a bad regular expression…).
vi.mock('../src/features/moderation/rules/shouting.js', () => ({
  shouting: () => {
    throw new Error('shouting rule exploded');
  },
}));

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await makeArticle(t.ctx, { title: 'Crash course', slug: 'crash' });
});
afterAll(() => t.cleanup());

describe('a rule that crashes', () => {
  it('never blocks a good comment: the rule is logged and skipped, and the comment held for review', async () => {
    const logged = vi.spyOn(t.ctx.logger, 'error');
    const reader = new Reader(t.app);
    const res = await reader.post('/articles/crash/comments', { body: 'A perfectly good comment.', name: 'Olena', email: '', parent_id: '', idempotency_key: '' });
    expect(res.statusCode).toBe(303);
    const id = Number(/#comment-(\d+)$/.exec(String(res.headers.location))?.[1]);
    const row = await t.ctx.database.db.selectFrom('comments').select(['status', 'flags']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.status).toBe('pending');
    expect(JSON.parse(row.flags)).toEqual([{ rule: 'pipeline', action: 'hold', reason: 'rule_failed', detail: 'shouting' }]);
    expect(logged).toHaveBeenCalledWith(expect.objectContaining({ rule: 'shouting', err: expect.any(Error) }), expect.stringContaining('moderation rule failed'));
    // Its author sees it awaiting moderation; a moderator sees why it is there.
    expect((await reader.get('/articles/crash')).body).toContain('Awaiting moderation');
    const log = await t.ctx.database.db.selectFrom('moderation_log').selectAll().where('comment_id', '=', id).executeTakeFirstOrThrow();
    expect(log).toMatchObject({ action: 'hold', actor_name: 'system', reason: 'rule_failed' });
  });

  it('still rejects what the other rules reject', async () => {
    const res = await new Reader(t.app).post('/articles/crash/comments', { body: 'Cheap pills here.', name: 'Bot', email: '', parent_id: '', idempotency_key: '', website: 'http://pills.example' });
    const id = Number(/#comment-(\d+)$/.exec(String(res.headers.location))?.[1]);
    const row = await t.ctx.database.db.selectFrom('comments').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.status).toBe('spam');
  });
});
