import type { AppContext } from '../../context.js';
import { iso } from '../../shared/clock.js';
import { type Identity, voterKey } from '../../shared/identity.js';
import { publishLive } from '../live/publish-live.js';
import { DiscussionError } from './errors.js';
import { isDiscussionOpen } from './policy.js';
import { getDiscussionArticle, isShownRow, ownedBy, plus } from './queries.js';
import { wilsonLowerBound } from './wilson.js';

export type VoteChoice = 'up' | 'down' | 'none';

export interface CastVoteInput {
  identity: Identity;
  commentId: number;
  value: VoteChoice;
  /** Forms without scripts cannot know the current vote: pressing the same arrow again takes it back. */
  toggle?: boolean;
}

export interface VoteResult {
  commentId: number;
  /** The identity's vote now. */
  value: VoteChoice;
  upvotes: number;
  downvotes: number;
  score: number;
}

const numeric: Record<VoteChoice, number> = { up: 1, down: -1, none: 0 };

/**
 * Vote a comment up or down, change the vote, or take it back. One vote per identity; never on
 * one's own comment; only on a published one. The vote row and the comment's counters (and its Wilson score, for "Best")
 * change in one transaction: the counters are caches of comment_votes (see recount-counters.ts).
 */
export async function castVote(ctx: AppContext, input: CastVoteInput): Promise<VoteResult> {
  const { i18n, settings } = ctx.site;
  const voter = voterKey(input.identity);
  return ctx.database.transaction(async (tx) => {
    let q = tx.db.selectFrom('comments').select(['id', 'article_id', 'status', 'author_user_id', 'guest_id', 'reply_count']).where('id', '=', input.commentId);
    // Lock the comment on PostgreSQL: concurrent votes on it apply one after the other.
    if (tx.dialect === 'postgres') q = q.forUpdate();
    const comment = await q.executeTakeFirst();
    if (!comment) throw new DiscussionError('comment_not_found', i18n.t('discussion.error.notFound'));
    if (ownedBy(input.identity, comment)) throw new DiscussionError('vote_own_comment', i18n.t('discussion.error.ownVote'));
    // Only a published comment takes votes. A deleted one, or one removed and kept as a placeholder
    // for its replies, is "deleted"; anything the voter cannot see (held, shadowed, removed without
    // replies) does not exist for them.
    if (comment.status !== 'published') {
      if (comment.status === 'deleted' || isShownRow(comment)) throw new DiscussionError('comment_deleted', i18n.t('discussion.error.deleted'));
      throw new DiscussionError('comment_not_found', i18n.t('discussion.error.notFound'));
    }
    const article = await getDiscussionArticle(tx.db, comment.article_id);
    if (!article || !isDiscussionOpen(article, settings, ctx.clock.now())) throw new DiscussionError('discussion_closed', i18n.t('discussion.error.closed'));

    const existing = await tx.db.selectFrom('comment_votes').select('value').where('comment_id', '=', comment.id).where('voter', '=', voter).executeTakeFirst();
    const before = existing ? (Number(existing.value) > 0 ? 1 : -1) : 0;
    let after = numeric[input.value];
    if (input.toggle && after !== 0 && after === before) after = 0;

    if (after !== before) {
      if (after === 0) {
        await tx.db.deleteFrom('comment_votes').where('comment_id', '=', comment.id).where('voter', '=', voter).execute();
      } else if (before === 0) {
        await tx.db.insertInto('comment_votes').values({ comment_id: comment.id, voter, article_id: comment.article_id, value: after, created_at: iso(ctx.clock.now()) }).execute();
      } else {
        await tx.db.updateTable('comment_votes').set({ value: after }).where('comment_id', '=', comment.id).where('voter', '=', voter).execute();
      }
    }
    const up = (after === 1 ? 1 : 0) - (before === 1 ? 1 : 0);
    const down = (after === -1 ? 1 : 0) - (before === -1 ? 1 : 0);
    let counts = await tx.db.selectFrom('comments').select(['upvotes', 'downvotes', 'score']).where('id', '=', comment.id).executeTakeFirstOrThrow();
    if (up !== 0 || down !== 0) {
      counts = await tx.db
        .updateTable('comments')
        .set({ upvotes: plus('upvotes', up), downvotes: plus('downvotes', down), score: plus('score', up - down) })
        .where('id', '=', comment.id)
        .returning(['upvotes', 'downvotes', 'score'])
        .executeTakeFirstOrThrow();
      await tx.db
        .updateTable('comments')
        .set({ wilson: wilsonLowerBound(Number(counts.upvotes), Number(counts.downvotes)) })
        .where('id', '=', comment.id)
        .execute();
      const event = { commentId: comment.id, upvotes: Number(counts.upvotes), downvotes: Number(counts.downvotes), score: Number(counts.score) };
      tx.onCommit(() => ctx.invalidate([`article:${comment.article_id}`]));
      tx.onCommit(() => publishLive(ctx, `article:${comment.article_id}`, 'votes', event));
    }
    const value: VoteChoice = after === 1 ? 'up' : after === -1 ? 'down' : 'none';
    return { commentId: comment.id, value, upvotes: Number(counts.upvotes), downvotes: Number(counts.downvotes), score: Number(counts.score) };
  });
}
