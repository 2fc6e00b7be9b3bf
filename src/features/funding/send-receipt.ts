import type { AppContext } from '../../context.js';
import { escapeXml } from '../../shared/escape.js';
import { getCampaign } from './queries.js';

/**
 * Email the receipt of one gift (a ledger 'donation' row). Run by the outbox worker after the
 * gift has committed (job 'funding.receipt'), so a receipt is never sent for a gift that was not
 * recorded, and a failed send is retried.
 */
export async function sendDonationReceipt(ctx: AppContext, entryId: number): Promise<boolean> {
  const entry = await ctx.database.db.selectFrom('ledger_entries').selectAll().where('id', '=', entryId).where('kind', '=', 'donation').executeTakeFirst();
  if (!entry?.email) return false;
  const campaign = await getCampaign(ctx.database.db, entry.campaign_id);
  const { t, money, date } = ctx.site.i18n;
  const site = ctx.site.settings.siteName;
  const amount = money(Number(entry.amount_minor), entry.currency);
  const lines = [
    t('funding.receipt.greeting', { name: entry.donor_name || t('funding.receipt.friend') }),
    t('funding.receipt.body', { amount, site, date: date(entry.occurred_at) }),
    campaign?.thankYou ?? '',
    t('funding.receipt.reference', { ref: `${entry.provider === 'offline' ? 'OFF' : 'STR'}-${entry.id}` }),
    `— ${site}`,
  ].filter(Boolean);
  await ctx.mailer.sendMail({
    to: entry.email,
    subject: t('funding.receipt.subject', { site, amount }),
    text: `${lines.join('\n\n')}\n`,
    html: lines.map((l) => `<p>${escapeXml(l).replace(/\n/g, '<br>')}</p>`).join('\n'),
    headers: { 'Auto-Submitted': 'auto-generated' },
  });
  return true;
}
