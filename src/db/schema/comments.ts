import type { Generated } from 'kysely';

/**
 * 'published' is shown; 'deleted' is a placeholder while it has replies; 'pending' awaits moderation.
 * Moderation (features/moderation): 'rejected' and 'spam' are hidden (placeholders while they have
 * replies, like 'deleted'); 'shadow' (a shadow-banned identity's) is shown to its author only.
 */
export type CommentStatus = 'published' | 'pending' | 'deleted' | 'rejected' | 'spam' | 'shadow';

export interface CommentsTable {
  id: Generated<number>;
  article_id: number;
  /** The comment this one hangs under in the tree (null for a top-level comment). */
  parent_id: number | null;
  /** The top-level comment of the thread (its own id for a top-level comment). */
  root_id: number;
  /** 0 for a top-level comment. */
  depth: number;
  /** Materialised path: the ids from the root down to this comment, 10 digits each; sorts in thread order. */
  path: string;
  /** The comment the reader replied to; differs from parent_id when the reply was past the maximum depth. */
  reply_to_id: number | null;
  reply_to_name: string | null;
  author_user_id: number | null;
  guest_id: number | null;
  author_name: string;
  /** Never shown. */
  author_email: string | null;
  body_md: string;
  /** Sanitised HTML of body_md. */
  body_html: string;
  status: CommentStatus;
  created_at: string;
  edited_at: string | null;
  deleted_at: string | null;
  /** Caches of comment_votes, written in the vote's transaction (see recount-counters.ts). */
  upvotes: Generated<number>;
  downvotes: Generated<number>;
  score: Generated<number>;
  /** Wilson lower bound (95%) of upvotes among all votes. */
  wilson: Generated<number>;
  /** Direct replies that are shown (published, or deleted placeholders that still have replies). */
  reply_count: Generated<number>;
  idempotency_key: string | null;
  /** Moderation (migration 008): the poster's address, for IP-range bans and the queue. */
  ip: Generated<string | null>;
  /** JSON array of the pipeline's and reports' verdicts: [{ rule, action, reason, detail? }]. */
  flags: Generated<string>;
  /** Open (unresolved) reports. */
  report_count: Generated<number>;
  moderated_at: Generated<string | null>;
  moderated_by: Generated<number | null>;
  /** The policy point a moderator gave (moderation/reasons.ts). */
  moderation_reason: Generated<string | null>;
  /** The moderator's words to the author. */
  moderation_note: Generated<string | null>;
  /** A moderator changed the text ("edited by moderator"). */
  moderator_edited_at: Generated<string | null>;
}

export interface CommentVotesTable {
  comment_id: number;
  /** 'user:<id>' or 'guest:<id>'. */
  voter: string;
  article_id: number;
  /** +1 or -1. */
  value: number;
  created_at: string;
}
