import { createHash } from 'node:crypto';
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderToString } from 'preact-render-to-string';
import type { AppContext } from '../../context.js';
import { FundingError } from '../../features/funding/errors.js';
import { getFundingProgress } from '../../features/funding/get-funding-progress.js';
import { getCurrentCampaign, listDonorWall } from '../../features/funding/queries.js';
import { startCheckout } from '../../features/funding/start-checkout.js';
import { stripeClient } from '../../features/funding/stripe-client.js';
import { iso } from '../../shared/clock.js';
import { FundingBar } from '../../views/funding/funding-bar.js';
import { SupportPage, type SupportFormValues, ThanksPage } from '../../views/funding/support-page.js';
import { renderDocument } from '../../views/render.js';
import { HttpError, wantsJson } from '../errors.js';
import { sendPage } from '../middleware/page-cache.js';
import { siteView } from '../site-view.js';
import { adminCampaignRoutes } from './admin-campaigns.js';
import { stripeWebhookRoutes } from './stripe-webhook.js';

const GiftBody = Type.Object(
  {
    preset: Type.Optional(Type.String({ maxLength: 15 })),
    amount: Type.Optional(Type.String({ maxLength: 20 })),
    currency: Type.Optional(Type.String({ maxLength: 3 })),
    frequency: Type.Optional(Type.Union([Type.Literal('one_off'), Type.Literal('monthly')])),
    name: Type.Optional(Type.String({ maxLength: 400 })),
    public: Type.Optional(Type.String({ maxLength: 5 })),
    message: Type.Optional(Type.String({ maxLength: 4000 })),
    email: Type.Optional(Type.String({ maxLength: 254 })),
    /** Honeypot. */
    website: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
type GiftBody = Static<typeof GiftBody>;

const BarQuery = Type.Object({ variant: Type.Optional(Type.Union([Type.Literal('header'), Type.Literal('article'), Type.Literal('page')])) });

/** Card-testing limits: per client address, and per donor email (the identity a bot reuses). */
const limits = { perIp: { max: 10, timeWindow: 10 * 60_000 }, perIdentity: { max: 5, timeWindow: 60 * 60_000 } };

const identityOf = (request: FastifyRequest) => {
  const email = String((request.body as GiftBody | undefined)?.email ?? '').trim().toLowerCase();
  return `funding:donor:${createHash('sha256').update(email).digest('hex').slice(0, 32)}`;
};

/** The donation page, its thank-you page, the bar fragment for live updates, and checkout. */
export function fundingRoutes(app: FastifyInstance, ctx: AppContext): void {
  async function renderSupport(request: FastifyRequest, reply: FastifyReply, form: { values?: SupportFormValues; errors?: Record<string, string>; error?: string; status?: number } = {}) {
    const [site, progress] = await Promise.all([siteView(ctx, request), getFundingProgress(ctx)]);
    const wall = progress ? await listDonorWall(ctx.database.db, progress.campaignId, progress.period) : { entries: [], anonymous: 0 };
    const { settings } = ctx.site;
    const body = renderDocument(
      SupportPage({
        site,
        progress,
        wall,
        online: stripeClient(ctx.config) !== null,
        offlineInstructions: settings.fundingOfflineInstructions,
        presetsMinor: settings.donationPresetsMinor,
        minMinor: settings.donationMinMinor,
        maxMinor: settings.donationMaxMinor,
        ...form,
      }),
    );
    if (form.status) return reply.code(form.status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body);
    return sendPage(ctx, request, reply, { body, tags: ['funding'] });
  }

  app.get('/support', async (request, reply) => renderSupport(request, reply));

  app.get('/support/thanks', async (request, reply) => {
    const [site, campaign] = await Promise.all([siteView(ctx, request), getCurrentCampaign(ctx.database.db, iso(ctx.clock.now()))]);
    return sendPage(ctx, request, reply, { body: renderDocument(ThanksPage({ site, thankYou: campaign?.thankYou ?? '' })), tags: ['funding'] });
  });

  // The bar alone, as an HTML fragment: the live script swaps it in when a gift settles (one renderer).
  app.get('/support/bar', { schema: { querystring: BarQuery } }, async (request, reply) => {
    const { variant = 'header' } = request.query as Static<typeof BarQuery>;
    const [site, progress] = await Promise.all([siteView(ctx), getFundingProgress(ctx)]);
    if (!progress) return reply.code(204).header('cache-control', 'no-store').send();
    return sendPage(ctx, request, reply, { body: renderToString(FundingBar({ site, progress, variant })), tags: ['funding'] });
  });

  const perIp = app.createRateLimit({ ...limits.perIp, keyGenerator: (request) => `funding:ip:${request.ip}` });
  const perIdentity = app.createRateLimit({ ...limits.perIdentity, keyGenerator: identityOf });
  const checkLimits = async (request: FastifyRequest, reply: FastifyReply) => {
    for (const limit of [perIp, perIdentity]) {
      const verdict = await limit(request);
      if (!verdict.isAllowed && verdict.isExceeded) {
        reply.header('retry-after', String(verdict.ttlInSeconds));
        throw new HttpError(429, 'rate_limited', ctx.site.i18n.t('error.rateLimited', { seconds: Math.max(1, verdict.ttlInSeconds) }));
      }
    }
  };

  app.post('/support', { schema: { body: GiftBody }, preHandler: checkLimits }, async (request, reply) => {
    const body = request.body as GiftBody;
    try {
      const started = await startCheckout(ctx, {
        presetMinor: body.preset && /^\d{1,12}$/.test(body.preset) ? Number(body.preset) : null,
        customAmount: body.amount ?? null,
        currency: body.currency ?? null,
        frequency: body.frequency ?? 'one_off',
        name: body.name ?? '',
        isPublic: body.public === '1' || body.public === 'on' || body.public === 'true',
        message: body.message ?? '',
        email: body.email ?? '',
        honeypot: body.website ?? '',
      });
      if (wantsJson(request)) return reply.code(201).header('cache-control', 'no-store').send(started);
      return reply.header('cache-control', 'no-store').redirect(started.url, 303);
    } catch (error) {
      const formErrors = error instanceof FundingError && (error.code === 'funding_invalid' || error.code === 'funding_currency_mismatch');
      if (!formErrors || wantsJson(request)) throw error;
      return renderSupport(request, reply, { values: { ...body, frequency: body.frequency ?? 'one_off' }, errors: error.fields, error: error.message, status: 422 });
    }
  });

  stripeWebhookRoutes(app, ctx);
  adminCampaignRoutes(app, ctx);
}
