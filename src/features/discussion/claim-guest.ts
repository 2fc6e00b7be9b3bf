import { sql } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { publishLive } from '../live/publish-live.js';
import { wilsonLowerBound } from './wilson.js';

/**
 * A reader who commented or voted as a guest signs in: everything the guest identity did becomes
 * the account's, inside the sign-in's own transaction (so it happens with the session or not at all).
 *
 *  - Comments: the account becomes their author (and may edit and delete them); the name they were
 *    published under stays as it was. The guest is left owning nothing, so the guest cookie (which
 *    the HTTP layer clears) is worth nothing afterwards, even on a shared computer.
 *  - Votes: one vote per identity still holds. Where both the guest and the account voted on a
 *    comment, the account's vote stands; votes on comments the account now wrote are dropped (no
 *    one votes on their own comment); the rest move to the account. The counters of every comment
 *    that lost a vote are recomputed from the votes left.
 *  - Idempotency keys: a claimed comment whose key the account already used loses its key (keys
 *    are unique per author), so a retry can never be mistaken for the other comment.
 */
export async function claimGuest(ctx: AppContext, tx: Tx, input: { guestId: number; userId: number }): Promise<{ comments: number; votes: number }> {
  const { guestId, userId } = input;
  const guestVoter = `guest:${guestId}`;
  const userVoter = `user:${userId}`;
  const db = tx.db;

  await db
    .updateTable('comments')
    .set({ idempotency_key: null })
    .where('guest_id', '=', guestId)
    .where('idempotency_key', 'in', db.selectFrom('comments as own').select('own.idempotency_key').where('own.author_user_id', '=', userId).where('own.idempotency_key', 'is not', null))
    .execute();
  const comments = await db.updateTable('comments').set({ author_user_id: userId, guest_id: null }).where('guest_id', '=', guestId).returning(['id', 'article_id']).execute();

  // Votes that cannot survive the merge: the guest's where the account voted too, and either's on the account's own comments.
  const doubled = await db
    .deleteFrom('comment_votes')
    .where('voter', '=', guestVoter)
    .where('comment_id', 'in', db.selectFrom('comment_votes as mine').select('mine.comment_id').where('mine.voter', '=', userVoter))
    .returning(['comment_id', 'article_id'])
    .execute();
  const onOwn = await db
    .deleteFrom('comment_votes')
    .where('voter', 'in', [guestVoter, userVoter])
    .where('comment_id', 'in', db.selectFrom('comments').select('id').where('author_user_id', '=', userId))
    .returning(['comment_id', 'article_id'])
    .execute();
  const moved = await db.updateTable('comment_votes').set({ voter: userVoter }).where('voter', '=', guestVoter).returning(['article_id']).execute();

  const recounted = await recountVotes(tx, [...new Set([...doubled, ...onOwn].map((v) => v.comment_id))]);
  const articles = new Set([...comments, ...doubled, ...onOwn, ...moved].map((r) => r.article_id));
  if (articles.size) tx.onCommit(() => ctx.invalidate([...articles].map((id) => `article:${id}`)));
  for (const counts of recounted) tx.onCommit(() => publishLive(ctx, `article:${counts.articleId}`, 'votes', { commentId: counts.commentId, upvotes: counts.upvotes, downvotes: counts.downvotes, score: counts.score }));
  return { comments: comments.length, votes: moved.length };
}

/** Recompute comments' vote counters (and Wilson scores) from their vote rows. */
async function recountVotes(tx: Tx, commentIds: number[]) {
  if (!commentIds.length) return [];
  const tallies = await tx.db
    .selectFrom('comments')
    .leftJoin('comment_votes', 'comment_votes.comment_id', 'comments.id')
    .select([
      'comments.id as id',
      'comments.article_id as articleId',
      (eb) => eb.fn.sum<number>(sql`case when comment_votes.value > 0 then 1 else 0 end`).as('up'),
      (eb) => eb.fn.sum<number>(sql`case when comment_votes.value < 0 then 1 else 0 end`).as('down'),
    ])
    .where('comments.id', 'in', commentIds)
    .groupBy(['comments.id', 'comments.article_id'])
    .execute();
  const out: Array<{ commentId: number; articleId: number; upvotes: number; downvotes: number; score: number }> = [];
  for (const tally of tallies) {
    const up = Number(tally.up ?? 0);
    const down = Number(tally.down ?? 0);
    await tx.db.updateTable('comments').set({ upvotes: up, downvotes: down, score: up - down, wilson: wilsonLowerBound(up, down) }).where('id', '=', tally.id).execute();
    out.push({ commentId: tally.id, articleId: tally.articleId, upvotes: up, downvotes: down, score: up - down });
  }
  return out;
}
