import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import type { AccountError } from '../features/accounts/errors.js';
import { isStaff } from '../features/accounts/policy.js';
import type { SessionUser } from '../features/accounts/queries.js';
import { NoticePage } from '../views/pages/notice.js';
import { renderDocument } from '../views/render.js';
import { statusForCode } from './errors.js';
import { siteView } from './site-view.js';

/** A personal page: never stored by the page cache, a CDN or the browser's back-forward cache. */
export function sendHtml(reply: FastifyReply, status: number, body: string) {
  return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body);
}

/** Where an account lands after signing in, unless it asked for a page. */
export function homeFor(user: SessionUser): string {
  return isStaff(user.role) ? '/admin' : '/';
}

/** A notice page (title, message, optional link) with this status. */
export async function sendNotice(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  notice: { title: string; message: string; link?: { href: string; label: string } },
) {
  const site = await siteView(ctx, request);
  return sendHtml(reply, status, renderDocument(NoticePage({ site, ...notice })));
}

/** A link or account problem as a page: what happened, and a way on. */
export function sendLinkProblem(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, error: AccountError) {
  const { t } = ctx.site.i18n;
  return sendNotice(ctx, request, reply, statusForCode(error.code), {
    title: t('accounts.link.problemTitle'),
    message: error.message,
    link: { href: '/signin', label: t('accounts.link.again') },
  });
}
