import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { getNotificationHealth, retryNotification } from '../../features/notifications/notification-health.js';
import { AdminNotificationsPage } from '../../views/notifications/admin-notifications.js';
import { renderDocument } from '../../views/render.js';
import { sendHtml } from '../account-pages.js';
import { adminShell } from '../admin/screens.js';

const Issue = Type.Object({
  jobId: Type.Integer(),
  kind: Type.String({ enum: ['send', 'confirm', 'manage-link'] }),
  subscriptionId: Type.Union([Type.Integer(), Type.Null()]),
  to: Type.Union([Type.String(), Type.Null()]),
  attempts: Type.Integer(),
  maxAttempts: Type.Integer(),
  error: Type.Union([Type.String(), Type.Null()]),
  at: Type.String({ format: 'date-time', description: 'Failed: when it gave up. Retrying: the next attempt.' }),
});
const Health = Type.Object({
  failed: Type.Array(Issue),
  retrying: Type.Array(Issue),
  summary: Type.Object({ active: Type.Integer(), pending: Type.Integer(), sentLastDay: Type.Integer() }),
});
const ErrorBody = Type.Object({ error: Type.Object({ code: Type.String(), message: Type.String() }) });

/**
 * /admin/notifications: notification emails that failed for good (each can be retried) and those
 * waiting for a retry; the same as JSON for monitoring. Owners and admins (addresses are personal).
 */
export function adminNotificationRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/admin/notifications', { config: { auth: 'settings.manage' }, schema: { querystring: Type.Object({ retried: Type.Optional(Type.Integer({ minimum: 0 })) }) } }, async (request, reply) => {
    const [shell, health] = await Promise.all([adminShell(ctx, request), getNotificationHealth(ctx)]);
    const notice = (request.query as { retried?: number }).retried === undefined ? null : ctx.site.i18n.t('notifications.admin.retried');
    return sendHtml(reply, 200, renderDocument(AdminNotificationsPage({ shell, health, notice })));
  });

  const RetryForm = Type.Object({ subscription: Type.Optional(Type.Integer({ minimum: 1, maximum: 999_999_999_999 })), _csrf: Type.Optional(Type.String({ maxLength: 200 })) });
  app.post('/admin/notifications/:id/retry', { config: { auth: 'settings.manage' }, schema: { params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: 999_999_999_999 }) }), body: RetryForm } }, async (request, reply) => {
    const { subscription } = request.body as { subscription?: number };
    await retryNotification(ctx, { jobId: (request.params as { id: number }).id, subscriptionId: subscription });
    return reply.code(303).header('cache-control', 'no-store').redirect('/admin/notifications?retried=1', 303);
  });

  app.get(
    '/api/v1/admin/notifications',
    {
      config: { auth: 'settings.manage' },
      schema: {
        summary: 'Notification emails that failed for good or wait for a retry, and totals. Needs an owner or admin session.',
        tags: ['admin'],
        response: { 200: Health, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      return getNotificationHealth(ctx);
    },
  );
}
