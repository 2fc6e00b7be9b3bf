import type Stripe from 'stripe';
import type { AppContext } from '../../context.js';
import type { DonationFrequency } from '../../db/schema/index.js';
import { iso } from '../../shared/clock.js';
import { parseMajor } from '../../shared/money.js';
import { cleanText, isEmail, MESSAGE_MAX, NAME_MAX, normaliseEmail } from './donor-input.js';
import { FundingError } from './errors.js';
import { type Campaign, getCurrentCampaign } from './queries.js';
import { stripeClient } from './stripe-client.js';

export interface CheckoutInput {
  /** A preset, in minor units… */
  presetMinor?: number | null;
  /** …or an amount typed by the donor in major units ("25", "12.50"); it wins when given. */
  customAmount?: string | null;
  /** When the form says which currency it shows: must be the campaign's. */
  currency?: string | null;
  frequency: DonationFrequency;
  name?: string;
  /** Show the name (and message) on the donor wall. */
  isPublic: boolean;
  message?: string;
  email: string;
  /** The form's honeypot field: people leave it empty. */
  honeypot?: string;
}

export interface CheckoutStarted {
  donationId: number;
  sessionId: string;
  /** Stripe Checkout's page: redirect the donor there. */
  url: string;
}

function validate(ctx: AppContext, campaign: Campaign, input: CheckoutInput) {
  const { t, money } = ctx.site.i18n;
  const { donationMinMinor: min, donationMaxMinor: max } = ctx.site.settings;
  const fields: Record<string, string> = {};
  let amountMinor: number | null = null;
  const custom = (input.customAmount ?? '').trim();
  if (custom) {
    amountMinor = parseMajor(custom, campaign.currency);
    if (amountMinor === null) fields.amount = t('funding.error.amountFormat');
  } else if (input.presetMinor) {
    amountMinor = input.presetMinor;
  } else {
    fields.amount = t('funding.error.amountRequired');
  }
  if (amountMinor !== null && (amountMinor < min || amountMinor > max)) {
    fields.amount = t('funding.error.amountRange', { min: money(min, campaign.currency), max: money(max, campaign.currency) });
  }
  const name = cleanText(input.name ?? '', 10_000);
  if (input.isPublic && !name) fields.name = t('funding.error.nameRequired');
  if ([...name].length > NAME_MAX) fields.name = t('funding.error.nameLength', { max: NAME_MAX });
  const message = cleanText(input.message ?? '', 10_000, true);
  if ([...message].length > MESSAGE_MAX) fields.message = t('funding.error.messageLength', { max: MESSAGE_MAX });
  const email = normaliseEmail(input.email);
  if (!isEmail(email)) fields.email = t('funding.error.email');
  return { fields, amountMinor: amountMinor ?? 0, name, message, email };
}

/**
 * Start a gift: record the donation as pending, then open a Stripe Checkout Session for it (a
 * one-off payment, or a monthly subscription priced inline). Nothing is counted here: only the
 * provider's signed webhook settles a gift.
 */
export async function startCheckout(ctx: AppContext, input: CheckoutInput): Promise<CheckoutStarted> {
  const { t } = ctx.site.i18n;
  if (input.honeypot) throw new FundingError('funding_rejected', t('funding.error.rejected'));
  const campaign = await getCurrentCampaign(ctx.database.db, iso(ctx.clock.now()));
  if (!campaign) throw new FundingError('funding_no_campaign', t('funding.error.noCampaign'));
  const currency = (input.currency ?? '').trim().toUpperCase();
  if (currency && currency !== campaign.currency) {
    throw new FundingError('funding_currency_mismatch', t('funding.error.currency', { got: currency, want: campaign.currency }), { currency: t('funding.error.currency', { got: currency, want: campaign.currency }) });
  }
  const v = validate(ctx, campaign, input);
  if (Object.keys(v.fields).length) throw new FundingError('funding_invalid', t('funding.error.invalid'), v.fields);
  const stripe = stripeClient(ctx.config);
  if (!stripe) throw new FundingError('funding_not_configured', t('funding.error.notConfigured'));

  const now = iso(ctx.clock.now());
  const donation = await ctx.database.db
    .insertInto('donations')
    .values({
      campaign_id: campaign.id,
      status: 'pending',
      frequency: input.frequency,
      amount_minor: v.amountMinor,
      currency: campaign.currency,
      donor_name: v.name,
      donor_public: input.isPublic ? 1 : 0,
      message: input.isPublic ? v.message : '',
      email: v.email,
      checkout_session_id: null,
      payment_intent_id: null,
      subscription_id: null,
      created_at: now,
      settled_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  const base = ctx.config.publicUrl;
  const metadata = { donation_id: String(donation.id), campaign_id: String(campaign.id) };
  const product = { name: t('funding.checkout.product', { site: ctx.site.settings.siteName, campaign: campaign.name }) };
  const monthly = input.frequency === 'monthly';
  const params: Stripe.Checkout.SessionCreateParams = {
    mode: monthly ? 'subscription' : 'payment',
    line_items: [
      {
        quantity: 1,
        price_data: { currency: campaign.currency.toLowerCase(), unit_amount: v.amountMinor, product_data: product, ...(monthly ? { recurring: { interval: 'month' as const } } : {}) },
      },
    ],
    customer_email: v.email,
    client_reference_id: String(donation.id),
    metadata,
    success_url: `${base}/support/thanks`,
    cancel_url: `${base}/support`,
    ...(monthly ? { subscription_data: { metadata } } : { submit_type: 'donate' as const, payment_intent_data: { metadata } }),
  };
  let session: Stripe.Checkout.Session;
  try {
    session = await stripe.checkout.sessions.create(params, { idempotencyKey: `outpost-donation-${donation.id}-${now}` });
  } catch (error) {
    await ctx.database.db.updateTable('donations').set({ status: 'failed' }).where('id', '=', donation.id).execute();
    ctx.logger.error({ err: error, donation: donation.id }, 'Stripe refused to create a checkout session');
    throw new FundingError('funding_provider_error', t('funding.error.provider'));
  }
  if (!session.url) throw new FundingError('funding_provider_error', t('funding.error.provider'));
  await ctx.database.db.updateTable('donations').set({ checkout_session_id: session.id }).where('id', '=', donation.id).execute();
  return { donationId: donation.id, sessionId: session.id, url: session.url };
}
