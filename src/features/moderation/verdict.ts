/** What a rule can ask for: note it (and count it in the spam score), hold the comment for review, or reject it. */
export type VerdictAction = 'flag' | 'hold' | 'reject';

/** Why: a stable code; the message for people is `moderation.reason.<code>` in the catalog. */
export type ReasonCode =
  | 'discussion_closed'
  | 'banned_account'
  | 'banned_guest'
  | 'banned_email'
  | 'banned_ip'
  | 'shadow_banned'
  | 'banned_words'
  | 'suspect_words'
  | 'too_many_links'
  | 'first_comment'
  | 'duplicate'
  | 'too_fast'
  | 'shouting'
  | 'repeated_characters'
  | 'honeypot'
  | 'spam_score'
  | 'rule_failed'
  | 'reported';

export const reasonCodes: readonly ReasonCode[] = [
  'discussion_closed',
  'banned_account',
  'banned_guest',
  'banned_email',
  'banned_ip',
  'shadow_banned',
  'banned_words',
  'suspect_words',
  'too_many_links',
  'first_comment',
  'duplicate',
  'too_fast',
  'shouting',
  'repeated_characters',
  'honeypot',
  'spam_score',
  'rule_failed',
  'reported',
];

/** A rule's answer: nothing to say (null), or an action with its reason. `detail` is for moderators. */
export interface Verdict {
  action: VerdictAction;
  reason: ReasonCode;
  detail?: string;
}

/** A verdict as stored on a comment (`comments.flags`), with the rule that gave it. */
export interface Flag extends Verdict {
  rule: string;
}

/** How a rule is set up by an admin: off, or the action it takes when it matches. */
export type RuleAction = 'off' | VerdictAction;

/** The verdict for `reason` when the rule is on; null when it is off. */
export function verdict(action: RuleAction, reason: ReasonCode, detail?: string): Verdict | null {
  if (action === 'off') return null;
  return detail === undefined ? { action, reason } : { action, reason, detail };
}

/** Reasons that make a rejected comment "spam" rather than "rejected". */
export const spamReasons: ReadonlySet<ReasonCode> = new Set(['honeypot', 'spam_score', 'duplicate', 'too_many_links', 'too_fast', 'repeated_characters']);

/** Parse a comment's stored flags; anything unreadable is no flags. */
export function parseFlags(json: string | null | undefined): Flag[] {
  if (!json) return [];
  try {
    const value: unknown = JSON.parse(json);
    if (!Array.isArray(value)) return [];
    return value.filter(
      (f): f is Flag =>
        typeof f === 'object' && f !== null && typeof (f as Flag).rule === 'string' && typeof (f as Flag).reason === 'string' && ['flag', 'hold', 'reject'].includes((f as Flag).action),
    );
  } catch {
    return [];
  }
}
