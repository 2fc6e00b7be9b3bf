import type { AppContext } from '../../context.js';
import type { CampaignKind } from '../../db/schema/index.js';
import { iso } from '../../shared/clock.js';
import { isCurrency, parseMajor } from '../../shared/money.js';
import { parseDay, zonedMidnight } from '../../shared/zoned-time.js';
import { announceFunding } from './announce-funding.js';
import { cleanText } from './donor-input.js';
import { FundingError } from './errors.js';
import { audit } from './ledger.js';

export interface CampaignInput {
  name: string;
  /** Major units as typed: "5000". */
  goal: string;
  currency: string;
  kind: CampaignKind;
  /** Fixed campaigns: UTC ISO instants. */
  startsAt?: string | null;
  endsAt?: string | null;
  /** Tick amounts in major units between 0 and the goal ("2500"); 0 and the goal are always ticks. */
  milestones?: string[];
  thankYou?: string;
  active?: boolean;
}

/**
 * A fixed campaign's boundary. A calendar date ("2026-12-01", from the form's date field) is a day
 * in the site's time zone: the start is its local midnight, and the end day is included, so the
 * campaign ends at the next local midnight. A full ISO instant with a zone ("…T05:00:00.000Z") is
 * taken as is. Anything else (including a local time without a zone, which would be read in the
 * server's zone) is null.
 */
export function campaignInstant(input: string | null | undefined, edge: 'start' | 'end', timeZone: string): string | null {
  if (!input?.trim()) return null;
  const day = parseDay(input);
  if (day) return iso(zonedMidnight(day.year, day.month, day.day + (edge === 'end' ? 1 : 0), timeZone));
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(input.trim())) return null;
  const at = Date.parse(input);
  return Number.isNaN(at) ? null : iso(new Date(at));
}

/** Create (no `id`) or change a campaign, audited. A campaign's currency is fixed once it has gifts. */
export async function saveCampaign(ctx: AppContext, input: CampaignInput, by: { userId: number | null; actor?: 'admin' | 'system' }, id?: number): Promise<{ id: number }> {
  const { t } = ctx.site.i18n;
  const fields: Record<string, string> = {};
  const name = cleanText(input.name, 120);
  if (!name) fields.name = t('funding.error.campaignName');
  const currency = input.currency.trim().toUpperCase();
  if (!isCurrency(currency)) fields.currency = t('funding.error.currencyCode');
  const goal = isCurrency(currency) ? parseMajor(input.goal, currency) : null;
  if (goal === null || goal <= 0) fields.goal = t('funding.error.goal');
  const milestones: number[] = [];
  for (const raw of (input.milestones ?? []).filter((m) => m.trim())) {
    const value = isCurrency(currency) ? parseMajor(raw, currency) : null;
    if (value === null || goal === null || value <= 0 || value >= goal) fields.milestones = t('funding.error.milestones');
    else milestones.push(value);
  }
  let startsAt: string | null = null;
  let endsAt: string | null = null;
  if (input.kind === 'fixed') {
    const timeZone = ctx.site.settings.timeZone;
    startsAt = campaignInstant(input.startsAt, 'start', timeZone);
    endsAt = campaignInstant(input.endsAt, 'end', timeZone);
    if (!startsAt || !endsAt || endsAt <= startsAt) fields.endsAt = t('funding.error.dates');
  }
  const thankYou = cleanText(input.thankYou ?? '', 2000, true);
  if (Object.keys(fields).length) throw new FundingError('funding_invalid', t('funding.error.invalid'), fields);

  const now = ctx.clock.now();
  const values = {
    name,
    goal_minor: goal as number,
    currency,
    kind: input.kind,
    starts_at: startsAt,
    ends_at: endsAt,
    milestones: JSON.stringify([...new Set(milestones)].sort((a, b) => a - b)),
    thank_you: thankYou,
    active: input.active === false ? 0 : 1,
    updated_at: iso(now),
  };
  const actor = { actor: by.actor ?? ('admin' as const), userId: by.userId, source: 'campaign-form' };
  return ctx.database.transaction(async (tx) => {
    let campaignId: number;
    if (id === undefined) {
      const row = await tx.db.insertInto('campaigns').values({ ...values, created_at: iso(now) }).returning('id').executeTakeFirstOrThrow();
      campaignId = row.id;
    } else {
      const before = await tx.db.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirst();
      if (!before) throw new FundingError('funding_campaign_not_found', t('funding.error.campaignNotFound'));
      if (before.currency !== currency) {
        const gifts = await tx.db.selectFrom('ledger_entries').select('id').where('campaign_id', '=', id).limit(1).executeTakeFirst();
        if (gifts) throw new FundingError('funding_invalid', t('funding.error.invalid'), { currency: t('funding.error.currencyLocked', { currency: before.currency }) });
      }
      await tx.db.updateTable('campaigns').set(values).where('id', '=', id).execute();
      campaignId = id;
    }
    await audit(tx, now, actor, { campaignId, action: id === undefined ? 'campaign.create' : 'campaign.update', details: { ...values } });
    tx.onCommit(() => announceFunding(ctx));
    return { id: campaignId };
  });
}
