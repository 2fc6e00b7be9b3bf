import { type Kysely, sql } from 'kysely';
import type { AppealStatus, CommentStatus, DB, ReportReason } from '../../db/schema/index.js';
import { type Flag, parseFlags } from './verdict.js';

export const queueTabs = ['pending', 'reported', 'appeals', 'spam', 'rejected', 'approved', 'deleted'] as const;
export type QueueTab = (typeof queueTabs)[number];

export function isQueueTab(value: unknown): value is QueueTab {
  return typeof value === 'string' && (queueTabs as readonly string[]).includes(value);
}

export interface AuthorHistory {
  approved: number;
  rejected: number;
  /** Their first comment here. */
  firstSeen: string | null;
}

export interface QueueItem {
  id: number;
  articleId: number;
  articleTitle: string;
  articleSlug: string;
  status: CommentStatus;
  createdAt: string;
  bodyMarkdown: string;
  bodyHtml: string;
  authorName: string;
  author: { kind: 'user'; id: number } | { kind: 'guest'; id: number } | null;
  email: string | null;
  ip: string | null;
  history: AuthorHistory;
  flags: Flag[];
  reports: Array<{ reason: ReportReason; note: string; createdAt: string }>;
  appeal: { body: string; createdAt: string; status: AppealStatus } | null;
  moderatedAt: string | null;
  moderatedBy: string | null;
  moderationReason: string | null;
  moderationNote: string | null;
  editedByModerator: boolean;
}

function base(db: Kysely<DB>) {
  return db
    .selectFrom('comments')
    .innerJoin('articles', 'articles.id', 'comments.article_id')
    .leftJoin('users as moderator', 'moderator.id', 'comments.moderated_by')
    .leftJoin('moderation_appeals', 'moderation_appeals.comment_id', 'comments.id')
    .select([
      'comments.id',
      'comments.article_id',
      'articles.title as article_title',
      'articles.slug as article_slug',
      'comments.status',
      'comments.created_at',
      'comments.body_md',
      'comments.body_html',
      'comments.author_name',
      'comments.author_user_id',
      'comments.guest_id',
      'comments.author_email',
      'comments.ip',
      'comments.flags',
      'comments.report_count',
      'comments.moderated_at',
      'moderator.name as moderator_name',
      'comments.moderation_reason',
      'comments.moderation_note',
      'comments.moderator_edited_at',
      'moderation_appeals.body as appeal_body',
      'moderation_appeals.created_at as appeal_created_at',
      'moderation_appeals.status as appeal_status',
    ]);
}

type Base = ReturnType<typeof base>;

/** The comments of one tab, in the order a moderator works through them. */
function inTab(q: Base, tab: QueueTab): Base {
  switch (tab) {
    case 'pending':
      return q.where('comments.status', '=', 'pending').orderBy('comments.created_at').orderBy('comments.id');
    case 'reported':
      return q.where('comments.report_count', '>', 0).orderBy('comments.report_count', 'desc').orderBy('comments.id');
    case 'appeals':
      return q.where('moderation_appeals.status', '=', 'open').orderBy('moderation_appeals.created_at').orderBy('comments.id');
    case 'spam':
      return q.where('comments.status', 'in', ['spam', 'shadow']).orderBy('comments.created_at', 'desc').orderBy('comments.id', 'desc');
    case 'rejected':
      return q.where('comments.status', '=', 'rejected').orderBy('comments.created_at', 'desc').orderBy('comments.id', 'desc');
    case 'approved':
      return q.where('comments.status', '=', 'published').orderBy('comments.created_at', 'desc').orderBy('comments.id', 'desc');
    case 'deleted':
      return q.where('comments.status', '=', 'deleted').where('comments.moderated_at', 'is not', null).orderBy('comments.moderated_at', 'desc').orderBy('comments.id', 'desc');
  }
}

/** How many comments each tab holds. */
export async function countQueues(db: Kysely<DB>): Promise<Record<QueueTab, number>> {
  const [byStatus, reported, appeals, deleted] = await Promise.all([
    db
      .selectFrom('comments')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('status', 'in', ['pending', 'spam', 'shadow', 'rejected', 'published'])
      .groupBy('status')
      .execute(),
    db.selectFrom('comments').select((eb) => eb.fn.countAll<number>().as('n')).where('report_count', '>', 0).executeTakeFirstOrThrow(),
    db.selectFrom('moderation_appeals').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'open').executeTakeFirstOrThrow(),
    db.selectFrom('comments').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'deleted').where('moderated_at', 'is not', null).executeTakeFirstOrThrow(),
  ]);
  const of = (status: CommentStatus) => Number(byStatus.find((r) => r.status === status)?.n ?? 0);
  return {
    pending: of('pending'),
    reported: Number(reported.n),
    appeals: Number(appeals.n),
    spam: of('spam') + of('shadow'),
    rejected: of('rejected'),
    approved: of('published'),
    deleted: Number(deleted.n),
  };
}

type Row = Awaited<ReturnType<Base['execute']>>[number];

async function withDetails(db: Kysely<DB>, rows: Row[]): Promise<QueueItem[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const userIds = [...new Set(rows.map((r) => r.author_user_id).filter((v): v is number => v !== null))];
  const guestIds = [...new Set(rows.map((r) => r.guest_id).filter((v): v is number => v !== null))];
  const [reports, history] = await Promise.all([
    db.selectFrom('comment_reports').select(['comment_id', 'reason', 'note', 'created_at']).where('comment_id', 'in', ids).where('resolved_at', 'is', null).orderBy('id').execute(),
    db
      .selectFrom('comments')
      .select([
        'author_user_id',
        'guest_id',
        (eb) => eb.fn.sum<number>(sql`case when status = 'published' then 1 else 0 end`).as('approved'),
        (eb) => eb.fn.sum<number>(sql`case when status in ('rejected', 'spam') or (status = 'deleted' and moderated_at is not null) then 1 else 0 end`).as('rejected'),
        (eb) => eb.fn.min('created_at').as('first_seen'),
      ])
      .where((eb) => {
        const any = [];
        if (userIds.length) any.push(eb('author_user_id', 'in', userIds));
        if (guestIds.length) any.push(eb('guest_id', 'in', guestIds));
        return any.length ? eb.or(any) : sql<boolean>`1 = 0`;
      })
      .groupBy(['author_user_id', 'guest_id'])
      .execute(),
  ]);
  return rows.map((r) => {
    const h = history.find((x) => (r.author_user_id !== null ? x.author_user_id === r.author_user_id : r.guest_id !== null && x.guest_id === r.guest_id));
    return {
      id: r.id,
      articleId: r.article_id,
      articleTitle: r.article_title,
      articleSlug: r.article_slug,
      status: r.status,
      createdAt: r.created_at,
      bodyMarkdown: r.body_md,
      bodyHtml: r.body_html,
      authorName: r.author_name,
      author: r.author_user_id !== null ? { kind: 'user', id: r.author_user_id } : r.guest_id !== null ? { kind: 'guest', id: r.guest_id } : null,
      email: r.author_email,
      ip: r.ip,
      history: { approved: Number(h?.approved ?? 0), rejected: Number(h?.rejected ?? 0), firstSeen: (h?.first_seen as string | null | undefined) ?? null },
      flags: parseFlags(r.flags),
      reports: reports.filter((x) => x.comment_id === r.id).map((x) => ({ reason: x.reason, note: x.note, createdAt: x.created_at })),
      appeal: r.appeal_body !== null && r.appeal_created_at !== null && r.appeal_status !== null ? { body: r.appeal_body, createdAt: r.appeal_created_at, status: r.appeal_status } : null,
      moderatedAt: r.moderated_at,
      moderatedBy: r.moderator_name,
      moderationReason: r.moderation_reason,
      moderationNote: r.moderation_note,
      editedByModerator: r.moderator_edited_at !== null,
    };
  });
}

export const QUEUE_PAGE = 25;

/** One page of a tab (1-based), with whether there is another. */
export async function listQueue(db: Kysely<DB>, tab: QueueTab, page: number): Promise<{ items: QueueItem[]; hasMore: boolean }> {
  const rows = await inTab(base(db), tab)
    .limit(QUEUE_PAGE + 1)
    .offset((page - 1) * QUEUE_PAGE)
    .execute();
  return { items: await withDetails(db, rows.slice(0, QUEUE_PAGE)), hasMore: rows.length > QUEUE_PAGE };
}

export async function getQueueItem(db: Kysely<DB>, id: number): Promise<QueueItem | null> {
  const rows = await base(db).where('comments.id', '=', id).execute();
  return (await withDetails(db, rows))[0] ?? null;
}

export interface BanRow {
  id: number;
  kind: string;
  subject: string;
  mode: string;
  reason: string;
  note: string;
  expiresAt: string | null;
  createdAt: string;
  createdBy: string | null;
}

/** Bans in force (not lifted, not expired), newest first. */
export async function listActiveBans(db: Kysely<DB>, now: string, subjects?: Array<{ kind: string; subject: string }>): Promise<BanRow[]> {
  let q = db
    .selectFrom('moderation_bans')
    .leftJoin('users', 'users.id', 'moderation_bans.created_by')
    .select([
      'moderation_bans.id',
      'moderation_bans.subject_kind',
      'moderation_bans.subject',
      'moderation_bans.mode',
      'moderation_bans.reason',
      'moderation_bans.note',
      'moderation_bans.expires_at',
      'moderation_bans.created_at',
      'users.name',
    ])
    .where('moderation_bans.lifted_at', 'is', null)
    .where((eb) => eb.or([eb('moderation_bans.expires_at', 'is', null), eb('moderation_bans.expires_at', '>', now)]));
  if (subjects) {
    if (!subjects.length) return [];
    q = q.where((eb) => eb.or(subjects.map((s) => eb.and([eb('moderation_bans.subject_kind', '=', s.kind as 'user'), eb('moderation_bans.subject', '=', s.subject)]))));
  }
  const rows = await q.orderBy('moderation_bans.created_at', 'desc').orderBy('moderation_bans.id', 'desc').limit(500).execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.subject_kind,
    subject: r.subject,
    mode: r.mode,
    reason: r.reason,
    note: r.note,
    expiresAt: r.expires_at,
    createdAt: r.created_at,
    createdBy: r.name,
  }));
}
