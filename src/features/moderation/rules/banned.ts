import type { BanMode, BanSubjectKind } from '../../../db/schema/index.js';
import { ipInRange } from '../cidr.js';
import { type ReasonCode, type RuleAction, type Verdict, verdict } from '../verdict.js';

export interface BanEntry {
  kind: BanSubjectKind;
  /** Account or guest id as text, a lower-cased address or '@domain', an IP address or CIDR range. */
  subject: string;
  mode: BanMode;
  /** Null: until lifted. */
  expiresAt: string | null;
}

export interface Who {
  userId: number | null;
  guestId: number | null;
  email: string | null;
  ip: string | null;
}

const reasonOf: Record<BanSubjectKind, ReasonCode> = { user: 'banned_account', guest: 'banned_guest', email: 'banned_email', ip: 'banned_ip' };

function applies(ban: BanEntry, who: Who): boolean {
  switch (ban.kind) {
    case 'user':
      return who.userId !== null && ban.subject === String(who.userId);
    case 'guest':
      return who.guestId !== null && ban.subject === String(who.guestId);
    case 'email': {
      const email = who.email?.toLowerCase();
      if (!email) return false;
      return ban.subject.startsWith('@') ? email.endsWith(ban.subject) : email === ban.subject;
    }
    case 'ip':
      return who.ip !== null && ipInRange(who.ip, ban.subject);
  }
}

/**
 * A banned account, guest identity, email address (or domain) or IP range (CIDR, IPv4 or IPv6):
 * the rule's action (reject by default). A shadow-ban is only a flag: the comment is published
 * to its author alone. An expired suspension no longer applies.
 */
export function banned(who: Who, bans: readonly BanEntry[], now: string, setting: { action: RuleAction }): Verdict | null {
  const active = bans.filter((b) => (b.expiresAt === null || b.expiresAt > now) && applies(b, who));
  const ban = active.find((b) => b.mode === 'ban');
  if (ban) return verdict(setting.action, reasonOf[ban.kind], `${ban.kind}:${ban.subject}${ban.expiresAt ? ` until ${ban.expiresAt}` : ''}`);
  const shadow = active.find((b) => b.mode === 'shadow');
  if (shadow) return verdict(setting.action === 'off' ? 'off' : 'flag', 'shadow_banned', `${shadow.kind}:${shadow.subject}`);
  return null;
}
