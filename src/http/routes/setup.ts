import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { AccountError } from '../../features/accounts/errors.js';
import { setUpOwner } from '../../features/accounts/set-up-owner.js';
import { checkLoginLink } from '../../features/accounts/use-login-link.js';
import { needsFirstAdmin } from '../../features/setup/is-empty.js';
import { SetupPage } from '../../views/pages/signin.js';
import { renderDocument } from '../../views/render.js';
import { sendHtml, sendLinkProblem, sendNotice } from '../account-pages.js';
import { signInBrowser } from '../middleware/session.js';
import { siteView } from '../site-view.js';
import { TokenParams } from './signin.js';

type SetupErrors = { email?: string; name?: string; password?: string; form?: string };

/** First run: the one-time link `serve` prints creates the owner account. */
export function setupRoutes(app: FastifyInstance, ctx: AppContext): void {
  const t: AppContext['site']['i18n']['t'] = (key, params) => ctx.site.i18n.t(key, params);

  const setupDone = (request: FastifyRequest, reply: FastifyReply) =>
    sendNotice(ctx, request, reply, 410, { title: t('accounts.link.problemTitle'), message: t('accounts.setup.done'), link: { href: '/signin', label: t('accounts.signin.title') } });

  const form = async (request: FastifyRequest, reply: FastifyReply, status: number, token: string, values: { email: string; name: string }, errors: SetupErrors = {}) => {
    const site = await siteView(ctx, request);
    return sendHtml(reply, status, renderDocument(SetupPage({ site, action: `/setup/${token}`, values, errors })));
  };

  app.get('/setup/:token', { schema: { params: TokenParams } }, async (request, reply) => {
    const { token } = request.params as { token: string };
    if (!(await needsFirstAdmin(ctx))) return setupDone(request, reply);
    try {
      await checkLoginLink(ctx, token, ['setup']);
    } catch (error) {
      if (error instanceof AccountError) return sendLinkProblem(ctx, request, reply, error);
      throw error;
    }
    return form(request, reply, 200, token, { email: '', name: '' });
  });

  const SetupBody = Type.Object({
    email: Type.String({ maxLength: 254 }),
    name: Type.String({ maxLength: 200 }),
    password: Type.String({ maxLength: 1000 }),
  });
  app.post('/setup/:token', { schema: { params: TokenParams, body: SetupBody } }, async (request, reply) => {
    const { token } = request.params as { token: string };
    const body = request.body as { email: string; name: string; password: string };
    try {
      const owner = await setUpOwner(ctx, { token, ...body });
      await signInBrowser(ctx, request, reply, owner);
      return reply.redirect('/admin', 303);
    } catch (error) {
      if (!(error instanceof AccountError)) throw error;
      if (error.code === 'setup_done') return setupDone(request, reply);
      const values = { email: body.email, name: body.name };
      if (error.code === 'account_invalid') return form(request, reply, 422, token, values, error.fields);
      if (error.code === 'account_email_taken') return form(request, reply, 409, token, values, { email: t('accounts.setup.emailTaken') });
      return sendLinkProblem(ctx, request, reply, error);
    }
  });
}
