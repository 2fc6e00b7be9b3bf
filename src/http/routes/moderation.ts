import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { DiscussionError } from '../../features/discussion/errors.js';
import { getCommentLocation } from '../../features/discussion/get-comment-location.js';
import { getCommentRow, isShownRow } from '../../features/discussion/queries.js';
import { getAppealableComment, submitAppeal } from '../../features/moderation/appeals.js';
import { ModerationError } from '../../features/moderation/errors.js';
import { listOwnHiddenComments } from '../../features/moderation/own-comments.js';
import { reportComment } from '../../features/moderation/report-comment.js';
import { AppealPage } from '../../views/discussion/appeal-page.js';
import { ReportPage } from '../../views/discussion/report-page.js';
import { NoticePage } from '../../views/pages/notice.js';
import { renderDocument } from '../../views/render.js';
import { resolveIdentity } from '../identity.js';
import { noticeOf, ownCommentHref } from '../moderation-view.js';
import { siteView } from '../site-view.js';
import { writeLimit } from '../write-limits.js';

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 999_999_999_999 }) });
const ReportForm = Type.Object({ reason: Type.Optional(Type.String({ maxLength: 20 })), note: Type.Optional(Type.String({ maxLength: 5_000 })) });
const AppealForm = Type.Object({ body: Type.Optional(Type.String({ maxLength: 10_000 })) });
const ErrorBody = Type.Object({ error: Type.Object({ code: Type.String(), message: Type.String(), fields: Type.Optional(Type.Record(Type.String(), Type.String())) }) });

function html(reply: FastifyReply, status: number, body: string) {
  return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body);
}

/**
 * Readers' side of moderation, working without scripts: "Report" on any comment (a form page),
 * and the author's appeal against a rejection or removal. The API has the report too.
 */
export function moderationRoutes(app: FastifyInstance, ctx: AppContext): void {
  const limit = writeLimit(app, ctx, 'report', { perIdentity: 20, perIp: 100, windowMs: 10 * 60_000 });
  const t: AppContext['site']['i18n']['t'] = (key, params) => ctx.site.i18n.t(key, params);

  const shownComment = async (id: number) => {
    const row = await getCommentRow(ctx.database.db, id);
    if (!row || row.status !== 'published' || !isShownRow(row)) throw new DiscussionError('comment_not_found', t('discussion.error.notFound'));
    return row;
  };

  const reportPage = async (request: FastifyRequest, reply: FastifyReply, id: number, values: { reason: string; note: string }, errors: Record<string, string>, status: number) => {
    const row = await shownComment(id);
    const [site, location] = await Promise.all([siteView(ctx, request), getCommentLocation(ctx, { commentId: id })]);
    return html(reply, status, renderDocument(ReportPage({ site, comment: { id, authorName: row.author_name, bodyHtml: row.body_html }, back: location.href, values, errors })));
  };

  app.get('/comments/:id/report', { schema: { params: IdParams } }, async (request, reply) => reportPage(request, reply, (request.params as { id: number }).id, { reason: '', note: '' }, {}, 200));

  app.post('/comments/:id/report', { schema: { params: IdParams, body: ReportForm } }, async (request, reply) => {
    const { id } = request.params as { id: number };
    const form = request.body as { reason?: string; note?: string };
    const values = { reason: form.reason ?? '', note: form.note ?? '' };
    await shownComment(id);
    const identity = await limit.identify(request, reply);
    try {
      const { created } = await reportComment(ctx, { identity, commentId: id, reason: values.reason, note: values.note });
      const [site, back] = await Promise.all([siteView(ctx, request), getCommentLocation(ctx, { commentId: id }).then((l) => l.href, () => '/')]);
      const message = created ? t('moderation.reported.message') : t('moderation.reported.again');
      return html(reply, 200, renderDocument(NoticePage({ site, title: t('moderation.reported.title'), message, link: { href: back, label: t('moderation.reportPage.back') } })));
    } catch (error) {
      if (error instanceof ModerationError && error.code === 'moderation_invalid') return reportPage(request, reply, id, values, error.fields, 422);
      throw error;
    }
  });

  app.post(
    '/api/v1/comments/:id/report',
    {
      schema: {
        summary: 'Report a comment (spam, abuse, off_topic or other, with a note); one report per reader per comment',
        tags: ['comments'],
        params: IdParams,
        body: Type.Object({ reason: Type.String({ enum: ['spam', 'abuse', 'off_topic', 'other'] }), note: Type.Optional(Type.String({ maxLength: 1000 })) }),
        response: { 200: Type.Object({ reported: Type.Boolean(), first: Type.Boolean() }), 403: ErrorBody, 404: ErrorBody, 422: ErrorBody, 429: ErrorBody },
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: number };
      const body = request.body as { reason: string; note?: string };
      const identity = await limit.identify(request, reply);
      const { created } = await reportComment(ctx, { identity, commentId: id, reason: body.reason, note: body.note });
      return reply.header('cache-control', 'no-store').send({ reported: true, first: created });
    },
  );

  const appealPage = async (request: FastifyRequest, reply: FastifyReply, id: number, body: string, error: string | null) => {
    const identity = await resolveIdentity(ctx, request);
    const row = await getAppealableComment(ctx, identity, id);
    const own = identity ? (await listOwnHiddenComments(ctx.database.db, row.article_id, identity)).find((o) => o.comment.id === id) : undefined;
    if (!own) throw new DiscussionError('comment_not_found', t('discussion.error.notFound'));
    const [site, article] = await Promise.all([siteView(ctx, request), ctx.database.db.selectFrom('articles').select('slug').where('id', '=', row.article_id).executeTakeFirstOrThrow()]);
    const notice = noticeOf(ctx.site.i18n, id, own.moderation);
    const page = AppealPage({ site, comment: { id, bodyHtml: own.comment.bodyHtml }, notice, back: ownCommentHref(article.slug, id), body, error });
    return html(reply, error ? 422 : 200, renderDocument(page));
  };

  app.get('/comments/:id/appeal', { schema: { params: IdParams } }, async (request, reply) => appealPage(request, reply, (request.params as { id: number }).id, '', null));

  app.post('/comments/:id/appeal', { schema: { params: IdParams, body: AppealForm } }, async (request, reply) => {
    const { id } = request.params as { id: number };
    const body = (request.body as { body?: string }).body ?? '';
    const identity = await resolveIdentity(ctx, request);
    if (!identity) throw new ModerationError('appeal_forbidden', t('moderation.error.notYours'));
    try {
      await submitAppeal(ctx, { identity, commentId: id, body });
    } catch (error) {
      if (error instanceof ModerationError && error.code === 'moderation_invalid') return appealPage(request, reply, id, body, error.fields.body ?? error.message);
      throw error;
    }
    const row = await ctx.database.db.selectFrom('comments').innerJoin('articles', 'articles.id', 'comments.article_id').select('articles.slug').where('comments.id', '=', id).executeTakeFirstOrThrow();
    const site = await siteView(ctx, request);
    const page = NoticePage({ site, title: t('moderation.appealed.title'), message: t('moderation.appealed.message'), link: { href: ownCommentHref(row.slug, id), label: t('moderation.reportPage.back') } });
    return html(reply, 200, renderDocument(page));
  });
}
