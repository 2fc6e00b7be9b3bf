import type { Generated } from 'kysely';

/** `withdrawn`: the author deleted the comment while the appeal was open; nothing is left to decide. */
export type AppealStatus = 'open' | 'granted' | 'denied' | 'withdrawn';

/** An author's appeal against the rejection or removal of their comment: one per comment. */
export interface ModerationAppealsTable {
  id: Generated<number>;
  comment_id: number;
  /** 'user:<id>' or 'guest:<id>'. */
  appellant: string;
  body: string;
  status: AppealStatus;
  created_at: string;
  decided_at: string | null;
  decided_by: number | null;
  decision_note: string | null;
}
