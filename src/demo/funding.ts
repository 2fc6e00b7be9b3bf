import type { AppContext } from '../context.js';
import { announceFunding } from '../features/funding/announce-funding.js';
import { insertEntry } from '../features/funding/ledger.js';
import { periodOf } from '../features/funding/period.js';
import { getCampaign } from '../features/funding/queries.js';
import { saveCampaign } from '../features/funding/save-campaign.js';
import { saveSiteSettings } from '../features/settings/site-settings.js';

export const demoCampaignName = 'Keep our reporters in the field';

/** Offline demo gifts, $1,360 in all: the bar shows from the first start. */
const demoGifts = [
  { ref: 'demo:1', amount: 50000, name: 'Irena K.', message: 'For the Ostra bridge reporting. Keep going.', hoursAgo: 1 },
  { ref: 'demo:2', amount: 25000, name: '', message: '', hoursAgo: 2 },
  { ref: 'demo:3', amount: 30000, name: 'The Halden family', message: 'We read every dispatch.', hoursAgo: 3 },
  { ref: 'demo:4', amount: 15000, name: 'Tomas', message: '', hoursAgo: 4 },
  { ref: 'demo:5', amount: 10000, name: '', message: '', hoursAgo: 5 },
  { ref: 'demo:6', amount: 6000, name: 'A reader in Lviv', message: 'Thank you for the maps.', hoursAgo: 6 },
];

/**
 * The demo site's monthly campaign (goal $5,000, a tick at $2,500) and a few gifts this month.
 * Idempotent: the campaign is found by name, each gift by its reference.
 */
export async function seedDemoFunding(ctx: AppContext): Promise<{ campaignId: number }> {
  const { db } = ctx.database;
  const hasInstructions = await db.selectFrom('settings').select('key').where('key', '=', 'fundingOfflineInstructions').executeTakeFirst();
  if (!hasInstructions) {
    await saveSiteSettings(db, { fundingOfflineInstructions: 'Bank transfer to: The Outpost Dispatch Foundation\nIBAN: XX00 0000 0000 0000 0000 00 (demo)\nReference: your name and “gift”' });
    await ctx.reloadSettings();
  }
  const existing = await db.selectFrom('campaigns').select('id').where('name', '=', demoCampaignName).executeTakeFirst();
  const campaignId =
    existing?.id ??
    (
      await saveCampaign(
        ctx,
        {
          name: demoCampaignName,
          goal: '5000',
          currency: 'USD',
          kind: 'monthly',
          milestones: ['2500'],
          thankYou: 'Thank you. Your gift pays for fuel, fixers and flak jackets: the reporting you read here exists because of readers like you.',
        },
        { userId: null, actor: 'system' },
      )
    ).id;
  const campaign = await getCampaign(db, campaignId);
  if (!campaign) return { campaignId };
  const now = ctx.clock.now();
  // Within this month, whatever the hour of seeding: never before its first instant.
  const monthStart = periodOf(campaign, now, ctx.site.settings.timeZone);
  let added = 0;
  await ctx.database.transaction(async (tx) => {
    for (const gift of demoGifts) {
      let at = new Date(now.getTime() - gift.hoursAgo * 3_600_000);
      if (periodOf(campaign, at, ctx.site.settings.timeZone) !== monthStart) at = now;
      const id = await insertEntry(
        tx,
        now,
        {
          campaignId,
          period: monthStart,
          kind: 'donation',
          amountMinor: gift.amount,
          currency: campaign.currency,
          provider: 'offline',
          providerRef: gift.ref,
          donorName: gift.name,
          donorPublic: gift.name !== '',
          message: gift.message,
          note: 'Demo gift',
          occurredAt: at.toISOString(),
        },
        { actor: 'system', userId: null, source: 'seed-demo' },
      );
      if (id !== null) added++;
    }
  });
  if (added) await announceFunding(ctx);
  return { campaignId };
}
