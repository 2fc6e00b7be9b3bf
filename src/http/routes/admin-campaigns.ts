import { randomBytes } from 'node:crypto';
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { FundingError } from '../../features/funding/errors.js';
import { currentPeriod } from '../../features/funding/period.js';
import { getCampaign, getCurrentCampaign, listCampaigns, listLedger, listLedgerAudit, listUnappliedEvents, sumRaised } from '../../features/funding/queries.js';
import { recordOfflineGift } from '../../features/funding/record-offline-gift.js';
import { reverseOfflineGift } from '../../features/funding/reverse-offline-gift.js';
import { saveCampaign } from '../../features/funding/save-campaign.js';
import { iso } from '../../shared/clock.js';
import { CampaignsPage, type CampaignsPageProps } from '../../views/admin/campaigns.js';
import { renderDocument } from '../../views/render.js';
import { sendHtml } from '../account-pages.js';
import { HttpError, statusForCode } from '../errors.js';
import { adminShell } from '../admin/screens.js';
import { signedInUser } from '../middleware/auth-guard.js';

const ScreenQuery = Type.Object({
  id: Type.Optional(Type.Integer({ minimum: 1 })),
  new: Type.Optional(Type.String({ maxLength: 1 })),
  saved: Type.Optional(Type.String({ maxLength: 1 })),
  gift: Type.Optional(Type.String({ maxLength: 1 })),
  reversed: Type.Optional(Type.String({ maxLength: 1 })),
});
const text = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const CampaignBody = Type.Object(
  {
    _csrf: text(200),
    id: Type.Optional(Type.String({ pattern: '^[0-9]{1,12}$' })),
    name: text(400),
    goal: text(30),
    currency: text(10),
    kind: Type.Optional(Type.Union([Type.Literal('monthly'), Type.Literal('fixed')])),
    startsAt: text(40),
    endsAt: text(40),
    milestones: text(400),
    thankYou: text(4000),
    active: text(5),
  },
  { additionalProperties: false },
);
const GiftBody = Type.Object(
  {
    _csrf: text(200),
    campaignId: Type.Optional(Type.String({ pattern: '^[0-9]{1,12}$' })),
    requestId: text(64),
    amount: text(30),
    currency: text(10),
    note: text(1000),
    receivedAt: text(40),
    donorName: text(400),
    public: text(5),
    message: text(2000),
    email: text(254),
  },
  { additionalProperties: false },
);
const ReverseBody = Type.Object(
  {
    _csrf: text(200),
    entryId: Type.String({ pattern: '^[0-9]{1,12}$' }),
    reason: text(1000),
  },
  { additionalProperties: false },
);

/**
 * Check a form body against its schema inside the handler: these routes are guarded, and the guard
 * (a preHandler) must answer a signed-out request before a body is ever judged.
 */
function formBody<T extends TSchema>(schema: T, body: unknown, ctx: AppContext): Static<T> {
  const value = body ?? {};
  if (!Value.Check(schema, value)) {
    const first = [...Value.Errors(schema, value)][0];
    const name = first?.path.replace(/^\//, '') || 'body';
    throw new HttpError(400, 'bad_request', ctx.site.i18n.t('validation.body', { name, problem: ctx.site.i18n.t('validation.invalid') }));
  }
  return value as Static<T>;
}

/** `/admin/campaigns`: campaign settings, the ledger, unmatched provider events, offline gifts (owner and admins). */
export function adminCampaignRoutes(app: FastifyInstance, ctx: AppContext): void {
  const auth = { auth: 'campaign.manage' as const };

  async function screen(request: FastifyRequest, reply: FastifyReply, options: { id?: number | null; isNew?: boolean; form?: CampaignsPageProps['form']; notice?: string | null; status?: number }) {
    const { db } = ctx.database;
    const now = ctx.clock.now();
    const campaigns = await listCampaigns(db);
    const rows = await Promise.all(
      campaigns.map(async (campaign) => {
        const period = currentPeriod(campaign, now, ctx.site.settings.timeZone).key;
        return { campaign, period, raisedMinor: await sumRaised(db, campaign.id, period) };
      }),
    );
    const fallback = options.isNew ? null : (options.id ? await getCampaign(db, options.id) : null) ?? (await getCurrentCampaign(db, iso(now))) ?? campaigns[0] ?? null;
    const [shell, ledger, auditLog, unapplied] = await Promise.all([
      adminShell(ctx, request),
      fallback ? listLedger(db, fallback.id) : [],
      fallback ? listLedgerAudit(db, fallback.id) : [],
      listUnappliedEvents(db),
    ]);
    const body = renderDocument(
      CampaignsPage({ shell, campaigns: rows, selected: fallback, ledger, auditLog, unapplied, form: options.form, notice: options.notice, requestId: randomBytes(12).toString('hex') }),
    );
    return sendHtml(reply, options.status ?? 200, body);
  }

  app.get('/admin/campaigns', { config: auth, schema: { querystring: ScreenQuery } }, async (request, reply) => {
    const q = request.query as Static<typeof ScreenQuery>;
    const { t } = ctx.site.i18n;
    const notice = q.saved ? t('funding.admin.saved') : q.gift ? t('funding.admin.giftRecorded') : q.reversed ? t('funding.admin.reversed') : null;
    return screen(request, reply, { id: q.id ?? null, isNew: q.new === '1', notice });
  });

  app.post('/admin/campaigns', { config: auth }, async (request, reply) => {
    const body = formBody(CampaignBody, request.body, ctx);
    const user = signedInUser(request);
    const id = body.id ? Number(body.id) : undefined;
    try {
      const saved = await saveCampaign(
        ctx,
        {
          name: body.name ?? '',
          goal: body.goal ?? '',
          currency: body.currency ?? '',
          kind: body.kind ?? 'monthly',
          startsAt: body.startsAt || null,
          endsAt: body.endsAt || null,
          milestones: (body.milestones ?? '').split(/[,;\s]+/).filter(Boolean),
          thankYou: body.thankYou ?? '',
          active: body.active === '1',
        },
        { userId: user.id },
        id,
      );
      return reply.header('cache-control', 'no-store').redirect(`/admin/campaigns?id=${saved.id}&saved=1`, 303);
    } catch (error) {
      if (!(error instanceof FundingError) || error.code === 'funding_campaign_not_found') throw error;
      const values = Object.fromEntries(Object.entries(body).filter(([k]) => k !== '_csrf')) as Record<string, string>;
      return screen(request, reply, { id, isNew: id === undefined, form: { which: 'campaign', values, errors: error.fields, message: error.message }, status: 422 });
    }
  });

  app.post('/admin/campaigns/gifts', { config: auth }, async (request, reply) => {
    const body = formBody(GiftBody, request.body, ctx);
    const user = signedInUser(request);
    const campaignId = Number(body.campaignId ?? 0);
    try {
      await recordOfflineGift(ctx, {
        campaignId,
        amount: body.amount ?? '',
        currency: body.currency ?? '',
        note: body.note ?? '',
        receivedAt: body.receivedAt || null,
        donorName: body.donorName ?? '',
        isPublic: body.public === '1',
        message: body.message ?? '',
        email: body.email || undefined,
        actorUserId: user.id,
        requestId: body.requestId || null,
      });
      return reply.header('cache-control', 'no-store').redirect(`/admin/campaigns?id=${campaignId}&gift=1`, 303);
    } catch (error) {
      if (!(error instanceof FundingError)) throw error;
      const values = Object.fromEntries(Object.entries(body).filter(([k]) => k !== '_csrf')) as Record<string, string>;
      const status = error.code === 'funding_campaign_not_found' ? 404 : 422;
      return screen(request, reply, { id: campaignId || null, form: { which: 'gift', values, errors: error.fields, message: error.message }, status });
    }
  });

  // Take back a mistyped offline gift: a compensating negative row, audited (reverse-offline-gift.ts).
  app.post('/admin/campaigns/reversals', { config: auth }, async (request, reply) => {
    const body = formBody(ReverseBody, request.body, ctx);
    const user = signedInUser(request);
    const entryId = Number(body.entryId);
    try {
      const { campaignId } = await reverseOfflineGift(ctx, { entryId, reason: body.reason ?? '', actorUserId: user.id });
      return reply.header('cache-control', 'no-store').redirect(`/admin/campaigns?id=${campaignId}&reversed=1`, 303);
    } catch (error) {
      if (!(error instanceof FundingError) || error.code === 'funding_entry_not_found') throw error;
      const entry = await ctx.database.db.selectFrom('ledger_entries').select('campaign_id').where('id', '=', entryId).executeTakeFirst();
      const form = { which: 'reverse' as const, values: { entryId: body.entryId, reason: body.reason ?? '' }, errors: error.fields, message: error.message };
      return screen(request, reply, { id: entry?.campaign_id ?? null, form, status: statusForCode(error.code) });
    }
  });
}
