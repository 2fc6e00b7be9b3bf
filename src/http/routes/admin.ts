import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { getDashboard } from '../../features/dashboard/get-dashboard.js';
import { DashboardPage } from '../../views/admin/dashboard.js';
import { renderDocument } from '../../views/render.js';
import { sendHtml } from '../account-pages.js';
import { adminShell } from '../admin/screens.js';
import { adminArticleRoutes } from './admin-articles.js';
import { adminMediaRoutes } from './admin-media.js';
import { adminRevisionRoutes } from './admin-revisions.js';
import { adminSettingsRoutes } from './admin-settings.js';
import { adminUserRoutes } from './admin-users.js';

const Counts = Type.Object({ published: Type.Integer(), scheduled: Type.Integer(), draft: Type.Integer() });
const DayCount = Type.Object({ day: Type.String(), from: Type.String({ format: 'date-time' }), count: Type.Integer() });
const Funding = Type.Object({
  progress: Type.Object({
    campaignId: Type.Integer(),
    name: Type.String(),
    kind: Type.Union([Type.Literal('monthly'), Type.Literal('fixed')]),
    currency: Type.String(),
    goalMinor: Type.Integer(),
    raisedMinor: Type.Integer(),
    percent: Type.Integer(),
    reached: Type.Boolean(),
    milestones: Type.Array(Type.Integer()),
    daysLeft: Type.Union([Type.Integer(), Type.Null()]),
    period: Type.String(),
    thankYou: Type.String(),
  }),
  perDay: Type.Array(
    Type.Object({ day: Type.String(), from: Type.String({ format: 'date-time' }), amountMinor: Type.Integer(), cumulativeMinor: Type.Integer() }),
  ),
});
const Dashboard = Type.Object({
  articles: Counts,
  comments: Type.Union([Type.Object({ today: Type.Integer(), pending: Type.Integer() }), Type.Null()]),
  moderation: Type.Union([Type.Object({ pending: Type.Integer(), reported: Type.Integer(), appeals: Type.Integer() }), Type.Null()]),
  commentsPerDay: Type.Array(DayCount),
  publishedPerDay: Type.Array(DayCount),
  funding: Type.Union([Funding, Type.Null()]),
});
const ErrorBody = Type.Object({ error: Type.Object({ code: Type.String(), message: Type.String() }) });

/** The admin dashboard, as a page and as JSON. Every route here declares its policy action. */
export function adminRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/admin', { config: { auth: 'admin.enter' } }, async (request, reply) => {
    const [shell, stats] = await Promise.all([adminShell(ctx, request), getDashboard(ctx)]);
    return sendHtml(reply, 200, renderDocument(DashboardPage({ shell, stats })));
  });

  app.get(
    '/api/v1/admin/dashboard',
    {
      config: { auth: 'admin.enter' },
      schema: {
        summary:
          'Dashboard figures: article counts, comments today and per day (30 days), the moderation queue, the campaign progress and money raised per day of its period (minor units, running total), articles published per day. Needs a staff session.',
        tags: ['admin'],
        response: { 200: Dashboard, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      return getDashboard(ctx);
    },
  );

  // The content screens: articles (with revisions, preview, autosave), media, users, settings.
  adminArticleRoutes(app, ctx);
  adminRevisionRoutes(app, ctx);
  adminMediaRoutes(app, ctx);
  adminUserRoutes(app, ctx);
  adminSettingsRoutes(app, ctx);
}
