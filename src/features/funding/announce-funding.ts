import type { AppContext } from '../../context.js';
import { publishLive } from '../live/publish-live.js';
import { getFundingProgress } from './get-funding-progress.js';

/**
 * After a ledger change has committed: drop every cached page that shows the bar, then tell live
 * readers the new figures (the client fetches the fresh bar from /support/bar). Invalidation goes
 * first, on the same bus, so a reader's fetch never gets the stale bar.
 */
export async function announceFunding(ctx: AppContext): Promise<void> {
  await ctx.invalidate(['funding']);
  const progress = await getFundingProgress(ctx);
  if (!progress) return;
  const { money } = ctx.site.i18n;
  await publishLive(ctx, 'funding', 'funding', {
    campaignId: progress.campaignId,
    raisedMinor: progress.raisedMinor,
    goalMinor: progress.goalMinor,
    currency: progress.currency,
    percent: progress.percent,
    raised: money(progress.raisedMinor, progress.currency),
    goal: money(progress.goalMinor, progress.currency),
  });
}
