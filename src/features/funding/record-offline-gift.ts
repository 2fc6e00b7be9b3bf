import type { AppContext } from '../../context.js';
import { iso } from '../../shared/clock.js';
import { parseMajor } from '../../shared/money.js';
import { zonedMidnight } from '../../shared/zoned-time.js';
import { announceFunding } from './announce-funding.js';
import { cleanText, isEmail, MESSAGE_MAX, NAME_MAX, normaliseEmail } from './donor-input.js';
import { FundingError } from './errors.js';
import { enqueueReceipt, insertEntry } from './ledger.js';
import { periodOf } from './period.js';
import { getCampaign } from './queries.js';

export interface OfflineGiftInput {
  campaignId: number;
  /** Major units as typed ("150", "20.50"), in `currency`. */
  amount: string;
  currency: string;
  /** How it came: "Bank transfer ref 2026-118", "Cash at the fundraiser". Required. */
  note: string;
  donorName?: string;
  isPublic?: boolean;
  message?: string;
  /** Send a receipt there. */
  email?: string;
  /** When the money arrived (UTC ISO); decides the month it counts for. Default: now. */
  receivedAt?: string | null;
  /** The admin entering it. */
  actorUserId: number;
  /** A token from the form, so a double submit records the gift once. */
  requestId?: string | null;
}

/**
 * When the money arrived: a bare date ("2026-11-30") is that day in the site's time zone (noon, or
 * now if that is later than now); anything else is read as an instant.
 */
function receivedInstant(input: string, now: Date, timeZone: string): Date {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(input.trim());
  if (!day) return new Date(input);
  const midnight = zonedMidnight(Number(day[1]), Number(day[2]), Number(day[3]), timeZone);
  if (midnight.getTime() > now.getTime()) return midnight;
  return new Date(Math.min(midnight.getTime() + 12 * 3_600_000, now.getTime()));
}

/**
 * Record a gift that did not go through Stripe (bank transfer, cash, crypto), entered by an admin
 * with a note. Audited like every ledger change; counted on the bar at once.
 */
export async function recordOfflineGift(ctx: AppContext, input: OfflineGiftInput): Promise<{ entryId: number | null; duplicate: boolean }> {
  const { t } = ctx.site.i18n;
  const campaign = await getCampaign(ctx.database.db, input.campaignId);
  if (!campaign) throw new FundingError('funding_campaign_not_found', t('funding.error.campaignNotFound'));
  const currency = input.currency.trim().toUpperCase();
  if (currency !== campaign.currency) {
    const message = t('funding.error.currency', { got: currency || '?', want: campaign.currency });
    throw new FundingError('funding_currency_mismatch', message, { currency: message });
  }
  const now = ctx.clock.now();
  const fields: Record<string, string> = {};
  const amountMinor = parseMajor(input.amount, campaign.currency);
  if (amountMinor === null || amountMinor <= 0) fields.amount = t('funding.error.amountFormat');
  const note = cleanText(input.note, 500);
  if (!note) fields.note = t('funding.error.noteRequired');
  const name = cleanText(input.donorName ?? '', NAME_MAX);
  if (input.isPublic && !name) fields.donorName = t('funding.error.nameRequired');
  const email = input.email ? normaliseEmail(input.email) : '';
  if (email && !isEmail(email)) fields.email = t('funding.error.email');
  const receivedAt = input.receivedAt ? receivedInstant(input.receivedAt, now, ctx.site.settings.timeZone) : now;
  if (Number.isNaN(receivedAt.getTime()) || receivedAt.getTime() > now.getTime() + 60_000) fields.receivedAt = t('funding.error.receivedAt');
  if (Object.keys(fields).length) throw new FundingError('funding_invalid', t('funding.error.invalid'), fields);

  return ctx.database.transaction(async (tx) => {
    const entryId = await insertEntry(
      tx,
      now,
      {
        campaignId: campaign.id,
        period: periodOf(campaign, receivedAt, ctx.site.settings.timeZone),
        kind: 'donation',
        amountMinor: amountMinor as number,
        currency: campaign.currency,
        provider: 'offline',
        providerRef: input.requestId ? `offline:${input.requestId}` : null,
        donorName: name,
        donorPublic: !!input.isPublic,
        message: input.isPublic ? cleanText(input.message ?? '', MESSAGE_MAX, true) : '',
        email: email || null,
        note,
        createdBy: input.actorUserId,
        occurredAt: iso(receivedAt),
      },
      { actor: 'admin', userId: input.actorUserId, source: 'offline-gift' },
    );
    if (entryId === null) return { entryId: null, duplicate: true };
    if (email) await enqueueReceipt(tx, now, entryId);
    tx.onCommit(() => announceFunding(ctx));
    return { entryId, duplicate: false };
  });
}
