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
 * What the bar was computed from (the active campaigns, the sums of the ledger per period), kept
 * until the next write: every change to campaigns or the ledger invalidates the page cache
 * (announceFunding) on every instance, which bumps `ctx.cache.generation`. A render between two
 * writes then costs no funding query; the first one after a write reads the ledger again. Promises
 * are kept, so renders running at once share one query; a failed one is forgotten.
 */
interface FundingMemo {
  generation: number;
  campaigns: Promise<Campaign[]> | null;
  raised: Map<string, Promise<number>>;
}

const memos = new WeakMap<AppContext, FundingMemo>();

function memoOf(ctx: AppContext): FundingMemo {
  let memo = memos.get(ctx);
  if (!memo || memo.generation !== ctx.cache.generation) memos.set(ctx, (memo = { generation: ctx.cache.generation, campaigns: null, raised: new Map() }));
  return memo;
}

function remember<T>(forget: () => void, promise: Promise<T>): Promise<T> {
  promise.catch(forget);
  return promise;
}

/** The current campaign's progress, computed from the ledger (never from a counter). */
export async function getFundingProgress(ctx: AppContext): Promise<FundingProgress | null> {
  const now = ctx.clock.now();
  const memo = memoOf(ctx);
  const db = ctx.database.db;
  memo.campaigns ??= remember(() => {
    memo.campaigns = null;
  }, listActiveCampaigns(db));
  const campaign = runningCampaign(await memo.campaigns, iso(now));
  if (!campaign) return null;
  const period = currentPeriod(campaign, now, ctx.site.settings.timeZone);
  const key = `${campaign.id}:${period.key}`;
  let raised = memo.raised.get(key);
  if (!raised) {
    raised = remember(() => memo.raised.delete(key), sumRaised(db, campaign.id, period.key));
    memo.raised.set(key, raised);
  }
  const raisedMinor = await raised;
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
