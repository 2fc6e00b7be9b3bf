import type { Generated } from 'kysely';

/** Every moderation decision: who (a moderator, or the system), when, what, and why. Append-only. */
export interface ModerationLogTable {
  id: Generated<number>;
  /** Null for the pipeline or the reports threshold. */
  actor_id: number | null;
  /** The actor's name at the time ('system' for the pipeline). */
  actor_name: string;
  /** approve, reject, spam, delete, edit, hold, ban, shadow_ban, lift_ban, report_hold, appeal, appeal_grant, appeal_deny, appeal_withdraw, settings. */
  action: string;
  comment_id: number | null;
  /** The identity or range acted on ('guest:12', 'ip:203.0.113.0/24'), when not a comment. */
  subject: string | null;
  /** A policy point or rule reason code. */
  reason: string | null;
  note: string | null;
  /** JSON: what changed (the previous text of an edited comment, the ban's end…). */
  detail: string;
  created_at: string;
}
