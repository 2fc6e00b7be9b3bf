import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { AccountError } from '../../features/accounts/errors.js';
import { requestPasswordReset } from '../../features/accounts/request-password-reset.js';
import { setPasswordWithLink } from '../../features/accounts/set-password-with-link.js';
import { checkLoginLink } from '../../features/accounts/use-login-link.js';
import { NewPasswordPage, ResetRequestPage } from '../../views/pages/signin.js';
import { renderDocument } from '../../views/render.js';
import { homeFor, sendHtml, sendLinkProblem, sendNotice } from '../account-pages.js';
import { signInBrowser } from '../middleware/session.js';
import { signInLimits } from '../middleware/sign-in-limits.js';
import { siteView } from '../site-view.js';
import { EmailField, emailShape, TokenParams } from './signin.js';

/** "Forgot your password?" by email, and choosing a password from a reset or invitation link. */
export function passwordRoutes(app: FastifyInstance, ctx: AppContext): void {
  const limits = signInLimits(app, ctx);
  const t: AppContext['site']['i18n']['t'] = (key, params) => ctx.site.i18n.t(key, params);

  app.get('/password/reset', async (request, reply) => {
    return sendHtml(reply, 200, renderDocument(ResetRequestPage({ site: await siteView(ctx, request), email: '' })));
  });

  app.post('/password/reset', { schema: { body: Type.Object({ email: EmailField }) }, preHandler: limits }, async (request, reply) => {
    const { email } = request.body as { email: string };
    if (!emailShape.test(email.trim())) {
      const site = await siteView(ctx, request);
      return sendHtml(reply, 422, renderDocument(ResetRequestPage({ site, email, error: t('accounts.field.emailInvalid') })));
    }
    await requestPasswordReset(ctx, { email });
    return sendNotice(ctx, request, reply, 200, { title: t('accounts.sent.title'), message: t('accounts.sent.message') });
  });

  app.get('/password/new/:token', { schema: { params: TokenParams } }, async (request, reply) => {
    const { token } = request.params as { token: string };
    try {
      const { purpose } = await checkLoginLink(ctx, token, ['reset', 'invite']);
      const site = await siteView(ctx, request);
      return sendHtml(reply, 200, renderDocument(NewPasswordPage({ site, action: `/password/new/${token}`, purpose: purpose === 'invite' ? 'invite' : 'reset' })));
    } catch (error) {
      if (error instanceof AccountError) return sendLinkProblem(ctx, request, reply, error);
      throw error;
    }
  });

  const PasswordBody = Type.Object({ password: Type.String({ maxLength: 1000 }) });
  app.post('/password/new/:token', { schema: { params: TokenParams, body: PasswordBody } }, async (request, reply) => {
    const { token } = request.params as { token: string };
    const { password } = request.body as { password: string };
    try {
      const user = await setPasswordWithLink(ctx, { token, password });
      await signInBrowser(ctx, request, reply, user);
      return reply.redirect(homeFor(user), 303);
    } catch (error) {
      if (!(error instanceof AccountError)) throw error;
      if (error.code !== 'account_invalid') return sendLinkProblem(ctx, request, reply, error);
      // A password too short: the link is still unused; show the form again with the problem.
      const { purpose } = await checkLoginLink(ctx, token, ['reset', 'invite']);
      const site = await siteView(ctx, request);
      const page = NewPasswordPage({ site, action: `/password/new/${token}`, purpose: purpose === 'invite' ? 'invite' : 'reset', error: error.message });
      return sendHtml(reply, 422, renderDocument(page));
    }
  });
}
