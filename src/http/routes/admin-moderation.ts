import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { DiscussionError } from '../../features/discussion/errors.js';
import { decideAppeal } from '../../features/moderation/appeals.js';
import { banIdentity, type BanSubject, parseBanSubject } from '../../features/moderation/ban-identity.js';
import { editCommentAsModerator } from '../../features/moderation/edit-as-moderator.js';
import { ModerationError } from '../../features/moderation/errors.js';
import { listModerationLog } from '../../features/moderation/log-queries.js';
import { isPolicyCode } from '../../features/moderation/reasons.js';
import { countQueues, getQueueItem, isQueueTab, listActiveBans, listQueue, type QueueTab, queueTabs } from '../../features/moderation/queue-queries.js';
import { type ReviewAction, reviewActions, reviewComments } from '../../features/moderation/review-comments.js';
import type { MessageKey } from '../../i18n/index.js';
import { iso } from '../../shared/clock.js';
import { ModerationCommentPage } from '../../views/admin/moderation-comment.js';
import { ModerationQueuePage } from '../../views/admin/moderation-queue.js';
import { renderDocument } from '../../views/render.js';
import { sendHtml } from '../account-pages.js';
import { actorOf, adminWriteLimit, formBody, IdParams, many, seeOther, text, wantsJsonReply } from '../admin/forms.js';
import { adminShell } from '../admin/screens.js';
import { adminModerationMoreRoutes, moderationLinks } from './admin-moderation-more.js';

const QueueQuery = Type.Object({
  tab: Type.Optional(Type.String({ maxLength: 20 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  comment: Type.Optional(Type.Integer({ minimum: 1, maximum: 999_999_999_999 })),
  done: Type.Optional(Type.String({ maxLength: 20 })),
  n: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
  saved: Type.Optional(Type.String({ maxLength: 1 })),
  banned: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
  lifted: Type.Optional(Type.String({ maxLength: 1 })),
});
type QueueQueryValue = { tab?: string; page?: number; comment?: number; done?: string; n?: number; saved?: string; banned?: number; lifted?: string };
const DecideBody = Type.Object({
  _csrf: text(200),
  tab: text(20),
  page: text(12),
  back: text(12),
  ids: Type.Optional(Type.Union([Type.String({ maxLength: 12 }), Type.Array(Type.String({ maxLength: 12 }), { maxItems: 500 })])),
  single: text(40),
  bulk_action: text(20),
  apply: text(5),
  reason: text(40),
  note: text(2000),
});
const EditBody = Type.Object({ _csrf: text(200), body: text(100_000), note: text(2000) });
const BanBody = Type.Object({ _csrf: text(200), mode: text(10), days: text(6), reason: text(40), note: text(2000), also_email: text(5), also_ip: text(5) });

const doneKeys: Record<string, MessageKey> = {
  approve: 'moderation.done.approve',
  reject: 'moderation.done.reject',
  spam: 'moderation.done.spam',
  delete: 'moderation.done.delete',
  grant: 'moderation.done.grant',
  deny: 'moderation.done.deny',
};

/**
 * /admin/moderation: the queue (tabs with counts, one comment or many at a time, keyboard
 * shortcuts in client/admin-moderation.ts), a comment's own page (?comment=<id>: decide, edit as a
 * moderator, ban, its log), and what those forms post to. Moderators and up (`comment.moderate`).
 */
export function adminModerationRoutes(app: FastifyInstance, ctx: AppContext): void {
  const auth = { auth: 'comment.moderate' as const };
  const limit = adminWriteLimit(app, ctx, 'moderation', 2000);
  const t: AppContext['site']['i18n']['t'] = (key, params) => ctx.site.i18n.t(key, params);
  const moderator = (request: FastifyRequest) => {
    const a = actorOf(request);
    return { id: a.id, name: a.name };
  };

  async function commentPage(request: FastifyRequest, reply: FastifyReply, id: number, options: { notice?: string | null; errors?: Record<string, string>; body?: string; status?: number } = {}) {
    const db = ctx.database.db;
    const item = await getQueueItem(db, id);
    if (!item) throw new DiscussionError('comment_not_found', t('discussion.error.notFound'));
    const subjects = [
      ...(item.author ? [{ kind: item.author.kind, subject: String(item.author.id) }] : []),
      ...(item.email ? [{ kind: 'email', subject: item.email }] : []),
      ...(item.ip ? [{ kind: 'ip', subject: item.ip.includes(':') ? `${item.ip}/128` : `${item.ip}/32` }] : []),
    ];
    const [shell, bans, log] = await Promise.all([adminShell(ctx, request), listActiveBans(db, iso(ctx.clock.now()), subjects), listModerationLog(db, { commentId: id })]);
    const page = ModerationCommentPage({
      shell,
      links: moderationLinks(request),
      item,
      notice: options.notice ?? null,
      errors: options.errors ?? {},
      body: options.body ?? item.bodyMarkdown,
      bans,
      log: log.rows,
    });
    return sendHtml(reply, options.status ?? 200, renderDocument(page));
  }

  app.get('/admin/moderation', { config: auth, schema: { querystring: QueueQuery } }, async (request, reply) => {
    const q = request.query as QueueQueryValue;
    if (q.comment) {
      const notice = q.saved ? t('moderation.detail.saved') : q.banned ? t('moderation.detail.banned', { count: q.banned }) : q.lifted ? t('moderation.bans.lifted') : doneNotice(q);
      return commentPage(request, reply, q.comment, { notice });
    }
    const tab: QueueTab = isQueueTab(q.tab) ? q.tab : 'pending';
    const page = q.page ?? 1;
    const [shell, counts, list] = await Promise.all([adminShell(ctx, request), countQueues(ctx.database.db), listQueue(ctx.database.db, tab, page)]);
    const view = ModerationQueuePage({
      shell,
      links: moderationLinks(request),
      tab,
      tabs: queueTabs,
      counts,
      items: list.items,
      page,
      hasMore: list.hasMore,
      notice: doneNotice(q),
      error: null,
      decision: { reason: '', note: '' },
    });
    return sendHtml(reply, 200, renderDocument(view));
  });

  function doneNotice(q: QueueQueryValue): string | null {
    const key = q.done ? doneKeys[q.done] : undefined;
    return key ? t(key, { count: q.n ?? 0 }) : null;
  }

  app.post('/admin/moderation', { config: auth }, async (request, reply) => {
    await limit(request, reply);
    const body = formBody(DecideBody, request.body, ctx);
    const actor = moderator(request);
    const [singleAction, singleId] = (body.single ?? '').split(':');
    let action: string;
    let ids: number[];
    if (singleAction && singleId) {
      action = singleAction;
      ids = [Number(singleId)];
    } else {
      action = body.bulk_action ?? '';
      ids = many(body.ids).map(Number);
    }
    ids = ids.filter((id) => Number.isInteger(id) && id > 0);
    if (!ids.length) throw new ModerationError('moderation_invalid', t('moderation.error.nothingSelected'));
    let changed = 0;
    if (action === 'grant' || action === 'deny') {
      for (const id of ids) await decideAppeal(ctx, { actor, commentId: id, grant: action === 'grant', note: body.note });
      changed = ids.length;
    } else if ((reviewActions as readonly string[]).includes(action)) {
      ({ changed } = await reviewComments(ctx, { actor, commentIds: ids, action: action as ReviewAction, reason: isPolicyCode(body.reason) ? body.reason : null, note: body.note }));
    } else {
      throw new ModerationError('moderation_invalid', t('moderation.error.badAction'));
    }
    if (wantsJsonReply(request)) return reply.header('cache-control', 'no-store').send({ action, changed });
    const back = Number(body.back);
    if (Number.isInteger(back) && back > 0) return seeOther(reply, `/admin/moderation?comment=${back}&done=${action}&n=${changed}`);
    const tab = isQueueTab(body.tab) ? body.tab : 'pending';
    const page = Number(body.page) > 1 ? `&page=${Number(body.page)}` : '';
    return seeOther(reply, `/admin/moderation?tab=${tab}${page}&done=${action}&n=${changed}`);
  });

  app.post('/admin/moderation/comments/:id/edit', { config: auth, schema: { params: IdParams } }, async (request, reply) => {
    await limit(request, reply);
    const { id } = request.params as { id: number };
    const body = formBody(EditBody, request.body, ctx);
    try {
      await editCommentAsModerator(ctx, { actor: moderator(request), commentId: id, body: body.body ?? '', note: body.note });
    } catch (error) {
      if (error instanceof DiscussionError && error.code === 'comment_invalid') {
        if (!(await getQueueItem(ctx.database.db, id))) throw new DiscussionError('comment_not_found', t('discussion.error.notFound'));
        return commentPage(request, reply, id, { errors: error.fields, body: body.body ?? '', status: 422 });
      }
      throw error;
    }
    return seeOther(reply, `/admin/moderation?comment=${id}&saved=1`);
  });

  app.post('/admin/moderation/comments/:id/ban', { config: auth, schema: { params: IdParams } }, async (request, reply) => {
    await limit(request, reply);
    const { id } = request.params as { id: number };
    const body = formBody(BanBody, request.body, ctx);
    const item = await getQueueItem(ctx.database.db, id);
    if (!item) throw new DiscussionError('comment_not_found', t('discussion.error.notFound'));
    if (!item.author) throw new ModerationError('moderation_invalid', t('moderation.error.noAuthor'));
    const subjects: BanSubject[] = [{ kind: item.author.kind, subject: String(item.author.id) }];
    if (body.also_email && item.email) subjects.push({ kind: 'email', subject: item.email.toLowerCase() });
    if (body.also_ip && item.ip) {
      const range = parseBanSubject(item.ip);
      if (range) subjects.push(range);
    }
    const days = Number(body.days ?? '7');
    const { bans } = await banIdentity(ctx, {
      actor: moderator(request),
      subjects,
      mode: body.mode === 'shadow' ? 'shadow' : 'ban',
      days: Number.isFinite(days) && days > 0 ? days : null,
      reason: body.reason ?? 'other',
      note: body.note,
      commentId: id,
    });
    return seeOther(reply, `/admin/moderation?comment=${id}&banned=${bans}`);
  });

  adminModerationMoreRoutes(app, ctx, limit);
}
