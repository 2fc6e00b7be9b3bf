import type { AppContext } from '../../context.js';
import { iso } from '../../shared/clock.js';
import { currentPeriod, daysLeft } from './period.js';
import { type Campaign, listActiveCampaigns, runningCampaign, sumRaised } from './queries.js';

/** What the bar shows; amounts in minor units, formatted by the view. */
export interface FundingProgress {
  campaignId: number;
  name: string;
  kind: Campaign['kind'];
  currency: string;
  goalMinor: number;
  raisedMinor: number;
  /** Whole percent of the goal; may pass 100. */
  percent: number;
  reached: boolean;
  milestones: number[];
  /** Days left in the period, counting today; null for an open-ended campaign. */
  daysLeft: number | null;
  period: string;
  thankYou: string;
}

/**
 * The current campaign's progress, computed from the ledger (never from a counter). The active
 * campaigns and the sum of each period are read again only after a write (PageCache.derived):
 * every change to campaigns or the ledger invalidates (announceFunding), on every instance. A
 * render between two writes costs no funding query; dates and the month are checked at every call.
 */
export async function getFundingProgress(ctx: AppContext): Promise<FundingProgress | null> {
  const now = ctx.clock.now();
  const db = ctx.database.db;
  const campaign = runningCampaign(await ctx.cache.derived('funding.campaigns', () => listActiveCampaigns(db)), iso(now));
  if (!campaign) return null;
  const period = currentPeriod(campaign, now, ctx.site.settings.timeZone);
  const raisedMinor = await ctx.cache.derived(`funding.raised:${campaign.id}:${period.key}`, () => sumRaised(db, campaign.id, period.key));
  const percent = campaign.goalMinor > 0 ? Math.floor((Math.max(raisedMinor, 0) * 100) / campaign.goalMinor) : 0;
  return {
    campaignId: campaign.id,
    name: campaign.name,
    kind: campaign.kind,
    currency: campaign.currency,
    goalMinor: campaign.goalMinor,
    raisedMinor,
    percent,
    reached: campaign.goalMinor > 0 && raisedMinor >= campaign.goalMinor,
    milestones: campaign.milestones,
    daysLeft: daysLeft(now, period.to),
    period: period.key,
    thankYou: campaign.thankYou,
  };
}
