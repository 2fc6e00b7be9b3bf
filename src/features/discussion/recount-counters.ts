import { sql } from 'kysely';
import type { AppContext } from '../../context.js';
import { wilsonLowerBound } from './wilson.js';

/**
 * Rebuild the discussion's cached counters from the rows they count, for one article or all:
 * each comment's upvotes, downvotes, score and Wilson score (from comment_votes), its reply_count
 * (shown direct replies, computed from the deepest level up, since whether a deleted comment is
 * shown depends on its own replies), and each article's comments_count. The use cases keep these
 * right in the same transaction as every write; this is the repair tool for when they did not
 * (a hand-edited database, a restored backup, a bug).
 * Returns how many comments had a counter corrected.
 */
export async function recountDiscussionCounters(ctx: AppContext, articleId?: number): Promise<{ commentsFixed: number }> {
  return ctx.database.transaction(async (tx) => {
    const scope = tx.db.selectFrom('comments').select(['id', 'upvotes', 'downvotes', 'score', 'wilson', 'reply_count', 'depth']);
    const before = await (articleId === undefined ? scope : scope.where('article_id', '=', articleId)).execute();

    const votes = await (articleId === undefined ? tx.db.selectFrom('comment_votes') : tx.db.selectFrom('comment_votes').where('article_id', '=', articleId))
      .select(['comment_id', (eb) => eb.fn.sum<number>(sql`case when value > 0 then 1 else 0 end`).as('up'), (eb) => eb.fn.sum<number>(sql`case when value < 0 then 1 else 0 end`).as('down')])
      .groupBy('comment_id')
      .execute();
    const tally = new Map(votes.map((v) => [v.comment_id, { up: Number(v.up), down: Number(v.down) }]));
    const fixed = new Set<number>();
    for (const c of before) {
      const { up, down } = tally.get(c.id) ?? { up: 0, down: 0 };
      const wilson = wilsonLowerBound(up, down);
      if (Number(c.upvotes) !== up || Number(c.downvotes) !== down || Number(c.score) !== up - down || Math.abs(Number(c.wilson) - wilson) > 1e-12) {
        await tx.db.updateTable('comments').set({ upvotes: up, downvotes: down, score: up - down, wilson }).where('id', '=', c.id).execute();
        fixed.add(c.id);
      }
    }

    const maxDepth = before.reduce((m, c) => Math.max(m, Number(c.depth)), 0);
    for (let depth = maxDepth; depth >= 0; depth--) {
      let update = tx.db
        .updateTable('comments')
        .set({
          reply_count: sql<number>`(select count(*) from comments as child where child.parent_id = comments.id
            and (child.status = 'published' or (child.status in ('deleted', 'rejected', 'spam') and child.reply_count > 0)))`,
        })
        .where('depth', '=', depth);
      if (articleId !== undefined) update = update.where('article_id', '=', articleId);
      await update.execute();
    }
    const after = await (articleId === undefined ? scope : scope.where('article_id', '=', articleId)).execute();
    const replyCounts = new Map(before.map((c) => [c.id, Number(c.reply_count)]));
    for (const c of after) if (replyCounts.get(c.id) !== Number(c.reply_count)) fixed.add(c.id);

    let articles = tx.db.updateTable('articles').set({
      comments_count: sql<number>`(select count(*) from comments where comments.article_id = articles.id and comments.status = 'published')`,
    });
    if (articleId !== undefined) articles = articles.where('id', '=', articleId);
    await articles.execute();
    tx.onCommit(() => ctx.invalidate(articleId === undefined ? ['articles'] : [`article:${articleId}`, 'comment-counts']));
    return { commentsFixed: fixed.size };
  });
}
