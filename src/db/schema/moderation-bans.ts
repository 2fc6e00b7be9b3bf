import type { Generated } from 'kysely';

/** What a ban names: an account, a guest identity, an email address (or '@domain'), an IP address or CIDR range. */
export type BanSubjectKind = 'user' | 'guest' | 'email' | 'ip';
/** 'ban' refuses new comments (for a period: a suspension); 'shadow' shows them to their author only. */
export type BanMode = 'ban' | 'shadow';

export interface ModerationBansTable {
  id: Generated<number>;
  subject_kind: BanSubjectKind;
  /** The account or guest id as text, the lower-cased address, or the range ('203.0.113.0/24', '2001:db8::/32'). */
  subject: string;
  mode: BanMode;
  /** A policy point (moderation/reasons.ts), shown to the person banned. */
  reason: string;
  note: string;
  /** Null: until lifted. */
  expires_at: string | null;
  created_by: number | null;
  created_at: string;
  lifted_at: string | null;
  lifted_by: number | null;
}
