import type { Generated } from 'kysely';

export type ReportReason = 'spam' | 'abuse' | 'off_topic' | 'other';

/** A reader's report of a comment: one per identity per comment. */
export interface CommentReportsTable {
  id: Generated<number>;
  comment_id: number;
  /** 'user:<id>' or 'guest:<id>'. */
  reporter: string;
  reason: ReportReason;
  note: string;
  created_at: string;
  /** When a moderator acted on the comment; resolved reports no longer count. */
  resolved_at: string | null;
}
