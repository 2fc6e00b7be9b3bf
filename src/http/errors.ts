import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { ErrorPage } from '../views/pages/errors.js';
import { renderDocument } from '../views/render.js';
import { siteView } from './site-view.js';

/** A domain error: a stable code, a message for people, and per-field messages for forms. */
interface CodedError {
  code: string;
  message: string;
  fields?: Record<string, string>;
}

/** Domain codes → HTTP statuses. A code not listed here is a bug and answers 500. */
const statusByCode: Record<string, number> = {
  article_invalid: 422,
  article_slug_taken: 409,
  article_not_found: 404,
  account_invalid: 422,
  account_email_taken: 409,
  not_found: 404,
  bad_request: 400,
  // discussion
  comment_invalid: 422,
  comment_cursor_invalid: 400,
  comment_not_found: 404,
  comment_parent_invalid: 422,
  comment_parent_deleted: 409,
  comment_deleted: 409,
  comment_forbidden: 403,
  comment_edit_window_closed: 403,
  discussion_closed: 403,
  vote_own_comment: 403,
  // moderation
  moderation_invalid: 422,
  moderation_comment_not_found: 404,
  report_own_comment: 403,
  appeal_forbidden: 403,
  appeal_not_needed: 409,
  appeal_exists: 409,
  appeal_not_found: 404,
  ban_not_found: 404,
  // notifications
  notify_invalid: 422,
  notify_article_closed: 403,
  notify_token_invalid: 400,
  notify_token_expired: 410,
  notify_token_replaced: 410,
  notify_unsubscribed: 410,
  notify_not_found: 404,
  // accounts
  signin_failed: 401,
  account_suspended: 403,
  link_invalid: 404,
  link_used: 410,
  link_expired: 410,
  setup_done: 410,
  // funding
  funding_invalid: 422,
  funding_no_campaign: 404,
  funding_campaign_not_found: 404,
  funding_entry_not_found: 404,
  funding_not_reversible: 422,
  funding_already_reversed: 409,
  funding_currency_mismatch: 422,
  funding_not_configured: 503,
  funding_provider_error: 502,
  funding_rejected: 400,
  webhook_signature_invalid: 400,
  // admin content
  article_forbidden: 403,
  revision_not_found: 404,
  media_unsupported: 422,
  media_broken: 422,
  media_too_large: 413,
  media_invalid: 422,
  media_not_found: 404,
  media_forbidden: 403,
  account_forbidden: 403,
  account_not_found: 404,
  account_last_owner: 409,
  account_owner_exists: 409,
  settings_invalid: 422,
  settings_forbidden: 403,
  // feedback
  passage_invalid: 400,
  passage_empty: 422,
  passage_range_invalid: 422,
  passage_out_of_bounds: 422,
  passage_too_long: 422,
  passage_not_found: 422,
  passage_wrong_article: 422,
  passage_on_reply: 422,
  passage_unknown: 404,
  paragraph_not_found: 404,
  prompt_not_found: 404,
};

/** The HTTP status of a domain error code (500 for a code nobody mapped). */
export function statusForCode(code: string): number {
  return statusByCode[code] ?? 500;
}

export class HttpError extends Error {
  constructor(
    /** Named statusCode so Fastify plugins (rate-limit) that throw one keep their status. */
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function codedError(error: unknown): CodedError | null {
  if (!(error instanceof Error)) return null;
  const { code, fields } = error as Error & { code?: unknown; fields?: Record<string, string> };
  // An empty `fields` says nothing: leave it out of the JSON.
  const someFields = fields && Object.keys(fields).length > 0 ? fields : undefined;
  return typeof code === 'string' && code in statusByCode ? { code, message: error.message, fields: someFields } : null;
}

/** "The “page” parameter must be a whole number." from Fastify's schema validation errors. */
function validationMessage(ctx: AppContext, error: FastifyError): string {
  const { t } = ctx.site.i18n;
  const first = error.validation?.[0];
  if (!first) return error.message;
  const p = first.params as Record<string, unknown>;
  const missing = first.keyword === 'required' ? String(p.missingProperty ?? '') : '';
  const name = (first.instancePath || '').replace(/^\//, '').replace(/\//g, '.') || missing || 'request';
  const problems: Record<string, () => string> = {
    type: () => (p.type === 'integer' ? t('validation.integer') : t('validation.type', { type: String(p.type) })),
    minimum: () => t('validation.minimum', { limit: String(p.limit) }),
    maximum: () => t('validation.maximum', { limit: String(p.limit) }),
    minLength: () => t('validation.minLength', { limit: String(p.limit) }),
    maxLength: () => t('validation.maxLength', { limit: String(p.limit) }),
    pattern: () => t('validation.pattern'),
    format: () => t('validation.pattern'),
    enum: () => t('validation.enum', { values: ((p.allowedValues as unknown[]) ?? []).join(', ') }),
    required: () => t('validation.required'),
    additionalProperties: () => t('validation.additionalProperties', { field: String(p.additionalProperty) }),
  };
  const problem = problems[first.keyword]?.() ?? t('validation.invalid');
  const where = error.validationContext === 'querystring' ? 'validation.querystring' : error.validationContext === 'params' ? 'validation.params' : 'validation.body';
  return t(where, { name, problem });
}

export function wantsJson(request: FastifyRequest): boolean {
  if (request.url.startsWith('/api/')) return true;
  const accept = request.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

export async function sendError(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, status: number, code: string, message: string, fields?: Record<string, string>) {
  reply.code(status).header('cache-control', 'no-store');
  if (wantsJson(request)) return reply.send({ error: { code, message, ...(fields ? { fields } : {}) } });
  const site = await siteView(ctx, request);
  return reply.type('text/html; charset=utf-8').send(renderDocument(ErrorPage({ site, status, message })));
}

export function installErrorHandler(app: FastifyInstance, ctx: AppContext): void {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    if (error.validation) return sendError(ctx, request, reply, 400, 'bad_request', validationMessage(ctx, error));
    if (error instanceof HttpError) return sendError(ctx, request, reply, error.statusCode, error.code, error.message);
    const coded = codedError(error);
    if (coded) return sendError(ctx, request, reply, statusByCode[coded.code] ?? 500, coded.code, coded.message, coded.fields);
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error({ err: error }, 'unhandled error');
    const message = status === 500 ? ctx.site.i18n.t('error.lead') : error.message;
    return sendError(ctx, request, reply, status, status === 500 ? 'internal' : 'bad_request', message);
  });
}
