import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { listSessions, revokeAllSessions, revokeSession } from '../../features/accounts/revoke-sessions.js';
import { describeUserAgent } from '../../shared/user-agent.js';
import { AccountPage } from '../../views/pages/account.js';
import { renderDocument } from '../../views/render.js';
import { sendHtml } from '../account-pages.js';
import { HttpError } from '../errors.js';
import { signedInUser } from '../middleware/auth-guard.js';
import { clearSessionCookie } from '../middleware/session.js';
import { siteView } from '../site-view.js';

/** The profile page: who you are, and the browsers signed in to your account, each revocable. */
export function accountRoutes(app: FastifyInstance, ctx: AppContext): void {
  const t: AppContext['site']['i18n']['t'] = (key, params) => ctx.site.i18n.t(key, params);

  app.get('/account', { config: { auth: 'account.manage' }, schema: { querystring: Type.Object({ revoked: Type.Optional(Type.Integer({ minimum: 0 })) }) } }, async (request, reply) => {
    const user = signedInUser(request);
    const [site, sessions] = await Promise.all([siteView(ctx, request), listSessions(ctx, user.id)]);
    const { revoked } = request.query as { revoked?: number };
    const page = AccountPage({
      site,
      user: { name: user.name, email: user.email, roleLabel: t(`accounts.role.${user.role}`) },
      sessions: sessions.map((s) => ({
        id: s.id,
        device: describeUserAgent(s.userAgent),
        ip: s.ip,
        createdAt: s.createdAt,
        lastSeenAt: s.lastSeenAt,
        current: s.id === request.sessionId,
      })),
      csrfToken: request.csrfToken,
      notice: revoked === undefined ? null : t('accounts.sessions.revoked'),
    });
    return sendHtml(reply, 200, renderDocument(page));
  });

  const SessionParams = Type.Object({ id: Type.String({ pattern: '^[0-9a-f]{64}$' }) });
  app.post('/account/sessions/:id/revoke', { config: { auth: 'account.manage' }, schema: { params: SessionParams } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const user = signedInUser(request);
    const found = await revokeSession(ctx, { userId: user.id, sessionId: id });
    if (!found) throw new HttpError(404, 'not_found', t('accounts.sessions.notFound'));
    if (id === request.sessionId) {
      clearSessionCookie(ctx, reply);
      return reply.redirect('/', 303);
    }
    return reply.redirect('/account?revoked=1', 303);
  });

  app.post('/account/sessions/revoke-all', { config: { auth: 'account.manage' } }, async (request, reply) => {
    const user = signedInUser(request);
    await revokeAllSessions(ctx, user.id);
    clearSessionCookie(ctx, reply);
    return reply.redirect('/signin', 303);
  });
}
