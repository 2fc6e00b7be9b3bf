import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../src/context.js';
import { getFundingProgress } from '../../src/features/funding/get-funding-progress.js';
import { saveCampaign } from '../../src/features/funding/save-campaign.js';
import { sign } from './fake-stripe.js';

/** A monthly USD campaign with a $5,000 goal and a tick at $2,500, like the demo's. */
export async function makeMonthlyCampaign(ctx: AppContext, overrides: { goal?: string; currency?: string; name?: string } = {}) {
  return saveCampaign(
    ctx,
    { name: overrides.name ?? 'Monthly fund', goal: overrides.goal ?? '5000', currency: overrides.currency ?? 'USD', kind: 'monthly', milestones: ['2500'], thankYou: 'Thank you for keeping us going.' },
    { userId: null, actor: 'system' },
  );
}

/** The raised amount the bar shows right now, in minor units. */
export async function raised(ctx: AppContext): Promise<number> {
  return (await getFundingProgress(ctx))?.raisedMinor ?? Number.NaN;
}

let address = 0;

/** Post the donation form as a browser would (same origin), from its own client address. */
export function postGift(app: FastifyInstance, fields: Record<string, string>, options: { remoteAddress?: string; accept?: string } = {}) {
  return app.inject({
    method: 'POST',
    url: '/support',
    remoteAddress: options.remoteAddress ?? `10.1.${Math.floor(++address / 250)}.${address % 250}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://outpost.test', 'sec-fetch-site': 'same-origin', ...(options.accept ? { accept: options.accept } : {}) },
    payload: new URLSearchParams(fields).toString(),
  });
}

/** Deliver a webhook event to the app, signed as Stripe would sign it (or with `signature`). */
export function deliver(app: FastifyInstance, event: object, options: { signature?: string | null; payload?: string } = {}) {
  const payload = options.payload ?? JSON.stringify(event);
  const signature = options.signature === undefined ? sign(payload) : options.signature;
  return app.inject({
    method: 'POST',
    url: '/webhooks/stripe',
    headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)', ...(signature ? { 'stripe-signature': signature } : {}) },
    payload,
  });
}
