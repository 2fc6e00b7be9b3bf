import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { can } from '../../features/accounts/policy.js';
import { banIdentity, liftBan, parseBanSubject } from '../../features/moderation/ban-identity.js';
import { currentModeration } from '../../features/moderation/current-settings.js';
import { type LogFilter, listLogActors, listModerationLog } from '../../features/moderation/log-queries.js';
import { listActiveBans } from '../../features/moderation/queue-queries.js';
import { saveModerationSettings } from '../../features/moderation/save-moderation-settings.js';
import { iso } from '../../shared/clock.js';
import { ModerationBansPage } from '../../views/admin/moderation-bans.js';
import { ModerationLogPage } from '../../views/admin/moderation-log.js';
import { ModerationSettingsPage } from '../../views/admin/moderation-settings.js';
import { renderDocument } from '../../views/render.js';
import { sendHtml } from '../account-pages.js';
import { actorOf, formBody, IdParams, seeOther, text } from '../admin/forms.js';
import { adminShell } from '../admin/screens.js';

const LogQuery = Type.Object({
  actor: Type.Optional(Type.String({ maxLength: 12 })),
  action: Type.Optional(Type.String({ maxLength: 20 })),
  from: Type.Optional(Type.String({ maxLength: 10 })),
  to: Type.Optional(Type.String({ maxLength: 10 })),
  comment: Type.Optional(Type.String({ maxLength: 12 })),
  before: Type.Optional(Type.Integer({ minimum: 1 })),
});
const BansQuery = Type.Object({ lifted: Type.Optional(Type.String({ maxLength: 1 })), banned: Type.Optional(Type.String({ maxLength: 1 })) });
const BanBody = Type.Object({ _csrf: text(200), value: text(300), mode: text(10), days: text(6), reason: text(40), note: text(2000) });
const LiftBody = Type.Object({ _csrf: text(200), back: text(12) });
const SettingsQuery = Type.Object({ saved: Type.Optional(Type.String({ maxLength: 1 })) });

/** Which moderation screens this account may open besides the queue and bans. */
export function moderationLinks(request: FastifyRequest): { log: boolean; settings: boolean } {
  const actor = actorOf(request);
  return { log: can(actor, 'moderation.audit'), settings: can(actor, 'settings.manage') };
}

const day = /^\d{4}-\d{2}-\d{2}$/;

/**
 * /admin/moderation/bans (moderators: bans in force, email / domain / IP-range bans, lifting),
 * /admin/moderation/log (owner and admins: the audit log, filtered), /admin/moderation/settings
 * (owner and admins: every rule of the pipeline).
 */
export function adminModerationMoreRoutes(app: FastifyInstance, ctx: AppContext, limit: (request: FastifyRequest, reply: FastifyReply) => Promise<void>): void {
  const t: AppContext['site']['i18n']['t'] = (key, params) => ctx.site.i18n.t(key, params);
  const moderator = (request: FastifyRequest) => {
    const a = actorOf(request);
    return { id: a.id, name: a.name };
  };

  async function bansPage(request: FastifyRequest, reply: FastifyReply, options: { notice?: string | null; error?: string | null; value?: string; status?: number }) {
    const [shell, bans] = await Promise.all([adminShell(ctx, request), listActiveBans(ctx.database.db, iso(ctx.clock.now()))]);
    const view = ModerationBansPage({ shell, links: moderationLinks(request), bans, notice: options.notice ?? null, error: options.error ?? null, value: options.value ?? '' });
    return sendHtml(reply, options.status ?? 200, renderDocument(view));
  }

  app.get('/admin/moderation/bans', { config: { auth: 'comment.moderate' }, schema: { querystring: BansQuery } }, async (request, reply) => {
    const q = request.query as { lifted?: string; banned?: string };
    return bansPage(request, reply, { notice: q.lifted ? t('moderation.bans.lifted') : q.banned ? t('moderation.detail.banned', { count: 1 }) : null });
  });

  app.post('/admin/moderation/bans', { config: { auth: 'comment.moderate' } }, async (request, reply) => {
    await limit(request, reply);
    const body = formBody(BanBody, request.body, ctx);
    const subject = parseBanSubject(body.value ?? '');
    if (!subject) return bansPage(request, reply, { error: t('moderation.error.badSubject'), value: body.value ?? '', status: 422 });
    const days = Number(body.days ?? '0');
    await banIdentity(ctx, {
      actor: moderator(request),
      subjects: [subject],
      mode: body.mode === 'shadow' ? 'shadow' : 'ban',
      days: Number.isFinite(days) && days > 0 ? days : null,
      reason: body.reason ?? 'other',
      note: body.note,
    });
    return seeOther(reply, '/admin/moderation/bans?banned=1');
  });

  app.post('/admin/moderation/bans/:id/lift', { config: { auth: 'comment.moderate' }, schema: { params: IdParams } }, async (request, reply) => {
    await limit(request, reply);
    const body = formBody(LiftBody, request.body, ctx);
    await liftBan(ctx, { actor: moderator(request), banId: (request.params as { id: number }).id });
    const back = Number(body.back);
    return seeOther(reply, Number.isInteger(back) && back > 0 ? `/admin/moderation?comment=${back}&lifted=1` : '/admin/moderation/bans?lifted=1');
  });

  app.get('/admin/moderation/log', { config: { auth: 'moderation.audit' }, schema: { querystring: LogQuery } }, async (request, reply) => {
    const q = request.query as { actor?: string; action?: string; from?: string; to?: string; comment?: string; before?: number };
    const filter: LogFilter = {};
    if (q.actor === 'system') filter.actor = 'system';
    else if (q.actor && /^\d+$/.test(q.actor)) filter.actor = Number(q.actor);
    if (q.action) filter.action = q.action;
    if (q.comment && /^\d+$/.test(q.comment)) filter.commentId = Number(q.comment);
    if (q.from && day.test(q.from)) filter.from = `${q.from}T00:00:00.000Z`;
    if (q.to && day.test(q.to)) filter.to = new Date(Date.parse(`${q.to}T00:00:00.000Z`) + 86_400_000).toISOString();
    const [shell, log, actors] = await Promise.all([adminShell(ctx, request), listModerationLog(ctx.database.db, filter, q.before), listLogActors(ctx.database.db)]);
    const values = { actor: q.actor ?? '', action: q.action ?? '', from: q.from ?? '', to: q.to ?? '', comment: q.comment ?? '' };
    let next: string | null = null;
    if (log.next !== null) {
      const params = new URLSearchParams(Object.entries(values).filter(([, v]) => v !== ''));
      params.set('before', String(log.next));
      next = `/admin/moderation/log?${params}`;
    }
    const view = ModerationLogPage({ shell, links: moderationLinks(request), rows: log.rows, actors, filter: values, next });
    return sendHtml(reply, 200, renderDocument(view));
  });

  app.get('/admin/moderation/settings', { config: { auth: 'settings.manage' }, schema: { querystring: SettingsQuery } }, async (request, reply) => {
    const [shell, config] = await Promise.all([adminShell(ctx, request), currentModeration(ctx)]);
    const notice = (request.query as { saved?: string }).saved ? t('moderation.settings.saved') : null;
    return sendHtml(reply, 200, renderDocument(ModerationSettingsPage({ shell, links: moderationLinks(request), settings: config.settings, notice })));
  });

  app.post('/admin/moderation/settings', { config: { auth: 'settings.manage' } }, async (request, reply) => {
    await limit(request, reply);
    await saveModerationSettings(ctx, { actor: moderator(request), settings: settingsFromForm(request.body) });
    return seeOther(reply, '/admin/moderation/settings?saved=1');
  });
}

/** The settings form's flat fields ("links.max", "suspectWords.words") as the nested settings object. */
export function settingsFromForm(body: unknown): Record<string, unknown> {
  const out: Record<string, Record<string, unknown> | unknown> = {};
  const form = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  for (const [key, value] of Object.entries(form)) {
    if (key === '_csrf' || typeof value !== 'string') continue;
    const [group, field] = key.split('.');
    if (!group) continue;
    if (field === undefined) out[group] = value;
    else {
      const part = (typeof out[group] === 'object' && out[group] !== null ? out[group] : {}) as Record<string, unknown>;
      part[field] = value;
      out[group] = part;
    }
  }
  // A checkbox that is not ticked is not sent at all.
  const suspect = (typeof out.suspectWords === 'object' && out.suspectWords !== null ? out.suspectWords : {}) as Record<string, unknown>;
  suspect.dataset = suspect.dataset === '1';
  out.suspectWords = suspect;
  return out;
}
