import type { AppContext } from '../../context.js';
import type { BanMode, BanSubjectKind } from '../../db/schema/index.js';
import { iso } from '../../shared/clock.js';
import { writeLog } from './audit-log.js';
import { formatRange } from './cidr.js';
import { ModerationError } from './errors.js';
import { isPolicyCode, type PolicyCode } from './reasons.js';
import type { Moderator } from './review-comments.js';

export interface BanSubject {
  kind: BanSubjectKind;
  subject: string;
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const domainPattern = /^@[^\s@]+\.[^\s@]+$/;

/**
 * What a moderator typed into "Ban an email address, a domain or an IP range": an address, an
 * '@domain', or an IP address or CIDR range (IPv4 or IPv6), in canonical form; null when it is none.
 */
export function parseBanSubject(text: string): BanSubject | null {
  const value = text.trim().toLowerCase();
  if (emailPattern.test(value) || domainPattern.test(value)) return { kind: 'email', subject: value };
  const range = formatRange(value);
  return range ? { kind: 'ip', subject: range } : null;
}

export interface BanInput {
  actor: Moderator;
  subjects: BanSubject[];
  mode: BanMode;
  /** Null: until lifted; otherwise a suspension of this many days. */
  days: number | null;
  reason: PolicyCode | string;
  note?: string | null;
  /** The comment the ban was decided from, for the log. */
  commentId?: number | null;
}

/**
 * Ban (refuse new comments), suspend (a ban for a period) or shadow-ban (new comments shown to
 * their author only) accounts, guest identities, email addresses and IP ranges. A subject with a
 * ban in force gets the new one instead. Logged, one entry per subject.
 */
export async function banIdentity(ctx: AppContext, input: BanInput): Promise<{ bans: number }> {
  const now = ctx.clock.now();
  const reason = isPolicyCode(input.reason) ? input.reason : 'other';
  const note = input.note?.trim().slice(0, 1000) ?? '';
  const days = input.days === null ? null : Math.max(1, Math.min(3650, Math.trunc(input.days)));
  const expiresAt = days === null ? null : iso(new Date(now.getTime() + days * 86_400_000));
  if (!input.subjects.length) throw new ModerationError('moderation_invalid', ctx.site.i18n.t('moderation.error.badSubject'));
  return ctx.database.transaction(async (tx) => {
    for (const { kind, subject } of input.subjects) {
      await tx.db
        .updateTable('moderation_bans')
        .set({ lifted_at: iso(now), lifted_by: input.actor.id })
        .where('subject_kind', '=', kind)
        .where('subject', '=', subject)
        .where('lifted_at', 'is', null)
        .execute();
      await tx.db
        .insertInto('moderation_bans')
        .values({ subject_kind: kind, subject, mode: input.mode, reason, note, expires_at: expiresAt, created_by: input.actor.id, created_at: iso(now) })
        .execute();
      await writeLog(tx, now, {
        actor: input.actor,
        action: input.mode === 'shadow' ? 'shadow_ban' : 'ban',
        commentId: input.commentId ?? null,
        subject: `${kind}:${subject}`,
        reason,
        note,
        detail: { expiresAt },
      });
    }
    return { bans: input.subjects.length };
  });
}

/** End a ban (or suspension, or shadow-ban) before its time. */
export async function liftBan(ctx: AppContext, input: { actor: Moderator; banId: number; note?: string | null }): Promise<void> {
  const now = ctx.clock.now();
  await ctx.database.transaction(async (tx) => {
    const ban = await tx.db
      .updateTable('moderation_bans')
      .set({ lifted_at: iso(now), lifted_by: input.actor.id })
      .where('id', '=', input.banId)
      .where('lifted_at', 'is', null)
      .returning(['subject_kind', 'subject', 'mode'])
      .executeTakeFirst();
    if (!ban) throw new ModerationError('ban_not_found', ctx.site.i18n.t('moderation.error.banNotFound'));
    await writeLog(tx, now, { actor: input.actor, action: 'lift_ban', subject: `${ban.subject_kind}:${ban.subject}`, note: input.note ?? null, detail: { mode: ban.mode } });
  });
}
