import type { AppContext } from '../../context.js';
import { confirmToken, MANAGE_TTL_MS, manageToken, unsubscribeToken } from './tokens.js';

/** Absolute links of notification emails (PUBLIC_URL based), each carrying a signed token. */
export function unsubscribeUrl(ctx: AppContext, subscriptionId: number): string {
  return `${ctx.config.publicUrl}/notifications/unsubscribe/${unsubscribeToken(ctx.secret, subscriptionId)}`;
}

export function manageUrl(ctx: AppContext, subscriberKey: string, now: Date): string {
  const expiresAt = new Date(Math.floor((now.getTime() + MANAGE_TTL_MS) / 1000) * 1000);
  return `${ctx.config.publicUrl}/notifications/manage/${manageToken(ctx.secret, subscriberKey, expiresAt)}`;
}

export function confirmUrl(ctx: AppContext, ids: readonly number[], expiresAt: Date): string {
  return `${ctx.config.publicUrl}/notifications/confirm/${confirmToken(ctx.secret, ids, expiresAt)}`;
}
