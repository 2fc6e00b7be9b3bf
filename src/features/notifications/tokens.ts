import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed links of notification emails: an HMAC-SHA256 under the site secret over what the link
 * does, so nothing needs storing to check one and no one can make one for another subscription.
 *
 *   c.<id>-<id>.<expiry>.<sig>   confirm these pending subscriptions (double opt-in); expires
 *   u.<id>.<sig>                 unsubscribe from one subscription; never expires (RFC 8058 links
 *                                must keep working in old emails)
 *   m.<subscriber>.<expiry>.<sig> manage every subscription of one subscriber; expires
 *
 * Expiry is in seconds since the epoch, base 36; the subscriber key is base64url.
 */
export type NotifyToken =
  | { kind: 'confirm'; ids: number[]; expiresAt: Date }
  | { kind: 'unsubscribe'; id: number }
  | { kind: 'manage'; subscriberKey: string; expiresAt: Date };

export type TokenReading = NotifyToken | { problem: 'invalid' | 'expired' };

export const CONFIRM_TTL_MS = 7 * 24 * 3600_000;
export const MANAGE_TTL_MS = 30 * 24 * 3600_000;

function sign(secret: string, body: string): string {
  return createHmac('sha256', secret).update(`outpost-notify:${body}`).digest('base64url');
}

function seal(secret: string, body: string): string {
  return `${body}.${sign(secret, body)}`;
}

const expiry = (date: Date) => Math.floor(date.getTime() / 1000).toString(36);

export function confirmToken(secret: string, ids: readonly number[], expiresAt: Date): string {
  return seal(secret, `c.${[...ids].sort((a, b) => a - b).join('-')}.${expiry(expiresAt)}`);
}

export function unsubscribeToken(secret: string, id: number): string {
  return seal(secret, `u.${id}`);
}

export function manageToken(secret: string, subscriberKey: string, expiresAt: Date): string {
  return seal(secret, `m.${Buffer.from(subscriberKey, 'utf8').toString('base64url')}.${expiry(expiresAt)}`);
}

/** SHA-256 (hex) of a token: what a pending subscription keeps of its confirmation link. */
export function hashNotifyToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const shapes = {
  c: /^c\.(\d{1,12}(?:-\d{1,12}){0,9})\.([0-9a-z]{1,10})$/,
  u: /^u\.(\d{1,12})$/,
  m: /^m\.([A-Za-z0-9_-]{1,400})\.([0-9a-z]{1,10})$/,
};

/** What a token says, or why it says nothing: tampered and malformed are 'invalid'. */
export function readNotifyToken(secret: string, token: string, now: Date): TokenReading {
  const dot = token.lastIndexOf('.');
  if (dot <= 0 || token.length > 600) return { problem: 'invalid' };
  const body = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1));
  const expected = Buffer.from(sign(secret, body));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { problem: 'invalid' };
  const fromExpiry = (raw: string) => new Date(Number.parseInt(raw, 36) * 1000);
  let match = shapes.u.exec(body);
  if (match) return { kind: 'unsubscribe', id: Number(match[1]) };
  match = shapes.c.exec(body);
  if (match) {
    const expiresAt = fromExpiry(match[2] as string);
    if (expiresAt.getTime() <= now.getTime()) return { problem: 'expired' };
    return { kind: 'confirm', ids: (match[1] as string).split('-').map(Number), expiresAt };
  }
  match = shapes.m.exec(body);
  if (match) {
    const expiresAt = fromExpiry(match[2] as string);
    if (expiresAt.getTime() <= now.getTime()) return { problem: 'expired' };
    return { kind: 'manage', subscriberKey: Buffer.from(match[1] as string, 'base64url').toString('utf8'), expiresAt };
  }
  return { problem: 'invalid' };
}
