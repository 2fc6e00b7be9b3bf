import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { AccountError } from '../../features/accounts/errors.js';
import { safeNext } from '../../features/accounts/login-links.js';
import { requestSignInLink } from '../../features/accounts/request-sign-in-link.js';
import { revokeSession } from '../../features/accounts/revoke-sessions.js';
import { signInWithPassword } from '../../features/accounts/sign-in-with-password.js';
import { checkLoginLink, useSignInLink } from '../../features/accounts/use-login-link.js';
import type { LoginTokenPurpose } from '../../db/schema/index.js';
import { ConfirmLinkPage, SignInPage } from '../../views/pages/signin.js';
import { renderDocument } from '../../views/render.js';
import { homeFor, sendHtml, sendLinkProblem, sendNotice } from '../account-pages.js';
import { clearSessionCookie, signInBrowser } from '../middleware/session.js';
import { signInLimits } from '../middleware/sign-in-limits.js';
import { siteView } from '../site-view.js';

export const EmailField = Type.String({ maxLength: 254 });
export const emailShape = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const TokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 100 }) });
const Next = Type.Optional(Type.String({ maxLength: 500 }));

interface SignInForm {
  email: string;
  next: string | null;
  error?: string;
  emailError?: string;
}

/** Sign-in with a password or an emailed link, and sign-out. */
export function signInRoutes(app: FastifyInstance, ctx: AppContext): void {
  const limits = signInLimits(app, ctx);
  const t: AppContext['site']['i18n']['t'] = (key, params) => ctx.site.i18n.t(key, params);

  const signInPage = async (request: FastifyRequest, reply: FastifyReply, status: number, form: SignInForm) => {
    const site = await siteView(ctx, request);
    return sendHtml(reply, status, renderDocument(SignInPage({ site, email: form.email, next: form.next, error: form.error, fieldErrors: { email: form.emailError } })));
  };

  app.get('/signin', { schema: { querystring: Type.Object({ next: Next }) } }, async (request, reply) => {
    const next = safeNext((request.query as { next?: string }).next);
    if (request.user) return reply.redirect(next ?? homeFor(request.user), 303);
    return signInPage(request, reply, 200, { email: '', next });
  });

  const SignInBody = Type.Object({ email: EmailField, password: Type.Optional(Type.String({ maxLength: 256 })), next: Next });
  app.post('/signin', { schema: { body: SignInBody }, preHandler: limits }, async (request, reply) => {
    const body = request.body as { email: string; password?: string; next?: string };
    const next = safeNext(body.next);
    if (!body.password) return signInPage(request, reply, 422, { email: body.email, next, error: t('accounts.signin.passwordMissing') });
    try {
      const user = await signInWithPassword(ctx, { email: body.email, password: body.password });
      await signInBrowser(ctx, request, reply, user);
      return reply.redirect(next ?? homeFor(user), 303);
    } catch (error) {
      if (!(error instanceof AccountError)) throw error;
      return signInPage(request, reply, error.code === 'account_suspended' ? 403 : 401, { email: body.email, next, error: error.message });
    }
  });

  app.post('/signin/link', { schema: { body: Type.Object({ email: EmailField, next: Next }) }, preHandler: limits }, async (request, reply) => {
    const body = request.body as { email: string; next?: string };
    const next = safeNext(body.next);
    if (!emailShape.test(body.email.trim())) return signInPage(request, reply, 422, { email: body.email, next, emailError: t('accounts.field.emailInvalid') });
    await requestSignInLink(ctx, { email: body.email, next });
    return sendNotice(ctx, request, reply, 200, { title: t('accounts.sent.title'), message: t('accounts.sent.message') });
  });

  // GET only shows a button: mail scanners that fetch links must not use them up.
  app.get('/signin/link/:token', { schema: { params: TokenParams, querystring: Type.Object({ next: Next }) } }, async (request, reply) => {
    const { token } = request.params as { token: string };
    let purpose: LoginTokenPurpose = 'signin';
    try {
      purpose = (await checkLoginLink(ctx, token, ['signin', 'signup'])).purpose;
    } catch (error) {
      if (error instanceof AccountError) return sendLinkProblem(ctx, request, reply, error);
      throw error;
    }
    const next = safeNext((request.query as { next?: string }).next);
    const site = await siteView(ctx, request);
    return sendHtml(reply, 200, renderDocument(ConfirmLinkPage({ site, action: `/signin/link/${token}`, next, signup: purpose === 'signup' })));
  });

  // No body schema: the confirm form may post nothing at all (an empty body parses to undefined).
  app.post('/signin/link/:token', { schema: { params: TokenParams } }, async (request, reply) => {
    const { token } = request.params as { token: string };
    try {
      const user = await useSignInLink(ctx, token);
      await signInBrowser(ctx, request, reply, user);
      const next = (request.body as { next?: unknown } | undefined)?.next;
      return reply.redirect(safeNext(typeof next === 'string' ? next : null) ?? homeFor(user), 303);
    } catch (error) {
      if (error instanceof AccountError) return sendLinkProblem(ctx, request, reply, error);
      throw error;
    }
  });

  app.post('/signout', { config: { auth: 'session' } }, async (request, reply) => {
    if (request.user && request.sessionId) await revokeSession(ctx, { userId: request.user.id, sessionId: request.sessionId });
    clearSessionCookie(ctx, reply);
    return reply.redirect('/', 303);
  });
}
