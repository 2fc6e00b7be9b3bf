import { sql } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { prepared, preparedCases } from '../../db/prepared.js';
import type { BanSubjectKind } from '../../db/schema/index.js';
import { iso } from '../../shared/clock.js';
import type { Identity } from '../../shared/identity.js';
import { isDiscussionOpen } from '../discussion/policy.js';
import { type LogAction, writeLog } from './audit-log.js';
import { currentModeration } from './current-settings.js';
import { type ModerationInput, type ModerationStatus, prepareInput, runPipeline } from './pipeline.js';
import type { BanEntry } from './rules/banned.js';
import type { Flag } from './verdict.js';

export interface ModerateCommentInput {
  kind: 'create' | 'edit';
  identity: Identity;
  article: { id: number; comments_open: number; published_at: string | null };
  markdown: string;
  /** The author's email (a guest's as typed, an account's own). */
  email: string | null;
  /** The poster's address (for an edit: the one stored with the comment). */
  ip: string | null;
  /** The comment form's hidden field. */
  honeypot?: string;
  /** An edited comment: left out of its author's history. */
  commentId?: number;
}

export interface Moderation {
  status: ModerationStatus;
  flags: Flag[];
  /** The flags as stored in `comments.flags`. */
  flagsJson: string;
  /** Write the decision to the moderation log, when it was anything but "published". */
  record(tx: Tx, commentId: number): Promise<void>;
}

const autoActions: Record<Exclude<ModerationStatus, 'published'>, LogAction> = { pending: 'hold', rejected: 'auto_reject', spam: 'auto_spam', shadow: 'auto_shadow' };

/**
 * Run the moderation pipeline on a new or edited comment, inside the caller's transaction, before
 * its row is written: load what the rules need (settings, bans, the identity's history), run them,
 * and say what the comment's status is. One call from createComment and editComment.
 */
export async function moderateComment(ctx: AppContext, tx: Tx, input: ModerateCommentInput): Promise<Moderation> {
  const now = ctx.clock.now();
  const config = await currentModeration(ctx, tx.db);
  const raw = await loadContext(ctx, tx, config.settings.duplicate.windowMinutes, now, input);
  const result = runPipeline(prepareInput(raw), config, {
    onRuleError: (rule, error) => ctx.logger.error({ err: error, rule }, 'moderation rule failed; the comment is held for review'),
  });
  const decisive = result.flags.find((f) => f.action === 'reject') ?? result.flags.find((f) => f.action === 'hold') ?? result.flags.find((f) => f.reason === 'shadow_banned');
  return {
    status: result.status,
    flags: result.flags,
    flagsJson: JSON.stringify(result.flags),
    async record(recordTx, commentId) {
      if (result.status === 'published') return;
      await writeLog(recordTx, now, {
        actor: null,
        action: autoActions[result.status],
        commentId,
        reason: decisive?.reason ?? null,
        detail: { kind: input.kind, status: result.status, flags: result.flags },
      });
    },
  };
}

async function loadContext(ctx: AppContext, tx: Tx, windowMinutes: number, now: Date, input: ModerateCommentInput): Promise<Omit<ModerationInput, 'tokens' | 'signals'>> {
  const { identity } = input;
  const who = {
    userId: identity.kind === 'user' ? identity.userId : null,
    guestId: identity.kind === 'guest' ? identity.guestId : null,
    email: input.email?.toLowerCase() ?? null,
    ip: input.ip,
  };
  const nowIso = iso(now);
  const author = identity.kind === 'user' ? identity.userId : identity.guestId;
  // The identity's comments, but the one being edited (-1 matches none).
  const mine = { who: author, except: input.commentId ?? -1 };
  const since = iso(new Date(now.getTime() - windowMinutes * 60_000));
  const [bans, stats, recent, firstSeen] = await Promise.all([
    loadBans(tx, who),
    historyStats(identity.kind).first(tx.db, mine),
    input.kind === 'create' ? recentBodies(identity.kind).all(tx.db, { ...mine, since }) : Promise.resolve([]),
    (identity.kind === 'user' ? userSince : guestSince).first(tx.db, { id: author }),
  ]);
  return {
    kind: input.kind,
    now: nowIso,
    markdown: input.markdown,
    article: { open: isDiscussionOpen(input.article, ctx.site.settings, now) },
    who,
    bans,
    history: {
      previousComments: Number(stats?.published ?? 0),
      lastPostedAt: (stats?.last as string | null | undefined) ?? null,
      recentBodies: recent.map((r) => r.body_md),
      firstSeenAt: firstSeen?.created_at ?? null,
    },
    honeypot: input.honeypot ?? '',
  };
}

const authorColumn = { user: 'author_user_id', guest: 'guest_id' } as const;
const historyStats = preparedCases((kind: Identity['kind']) =>
  prepared<{ who: number; except: number }>()((db, p) =>
    db
      .selectFrom('comments')
      .select((eb) => [eb.fn.max('created_at').as('last'), eb.fn.sum<number>(sql`case when status = 'published' then 1 else 0 end`).as('published')])
      .where(authorColumn[kind], '=', p.who)
      .where('id', '!=', p.except),
  ),
);
const recentBodies = preparedCases((kind: Identity['kind']) =>
  prepared<{ who: number; except: number; since: string }>()((db, p) =>
    db
      .selectFrom('comments')
      .select('body_md')
      .where(authorColumn[kind], '=', p.who)
      .where('id', '!=', p.except)
      .where('created_at', '>=', p.since)
      .orderBy('created_at', 'desc')
      .limit(20),
  ),
);
const userSince = prepared<{ id: number }>()((db, p) => db.selectFrom('users').select('created_at').where('id', '=', p.id));
const guestSince = prepared<{ id: number }>()((db, p) => db.selectFrom('guests').select('created_at').where('id', '=', p.id));

/** Bans that may concern this identity, one query per shape (account or guest, with or without an email). */
const bansOf = preparedCases((shape: `${Identity['kind']}:${'email' | 'none'}`) =>
  prepared<{ who: string; email: string; domain: string }>()((db, p) =>
    db
      .selectFrom('moderation_bans')
      .select(['subject_kind', 'subject', 'mode', 'expires_at'])
      .where('lifted_at', 'is', null)
      .where((eb) => {
        const [kind, email] = shape.split(':');
        const any = [eb('subject_kind', '=', 'ip'), eb.and([eb('subject_kind', '=', kind === 'user' ? 'user' : 'guest'), eb('subject', '=', p.who)])];
        if (email === 'email') any.push(eb.and([eb('subject_kind', '=', 'email'), eb('subject', 'in', [p.email, p.domain])]));
        return eb.or(any);
      }),
  ),
);

/** Bans that may concern this identity: its account or guest id, its email or domain, and every IP ban (ranges are matched by the rule). */
async function loadBans(tx: Tx, who: { userId: number | null; guestId: number | null; email: string | null }): Promise<BanEntry[]> {
  const kind: Identity['kind'] = who.userId !== null ? 'user' : 'guest';
  const subject = String(who.userId ?? who.guestId);
  const email = who.email ?? '';
  const rows = await bansOf(`${kind}:${who.email ? 'email' : 'none'}`).all(tx.db, { who: subject, email, domain: email.slice(email.lastIndexOf('@')) });
  return rows.map((r) => ({ kind: r.subject_kind as BanSubjectKind, subject: r.subject, mode: r.mode, expiresAt: r.expires_at }));
}
