import { describe, expect, it } from 'vitest';
import { type BanEntry, banned, type Who } from './banned.js';

const now = '2026-05-20T10:00:00.000Z';
const on = { action: 'reject' as const };
const guest: Who = { userId: null, guestId: 7, email: 'olena@example.org', ip: '203.0.113.9' };
const member: Who = { userId: 3, guestId: null, email: 'sam@example.com', ip: '2001:db8:abcd::42' };
const ban = (kind: BanEntry['kind'], subject: string, extra: Partial<BanEntry> = {}): BanEntry => ({ kind, subject, mode: 'ban', expiresAt: null, ...extra });

describe('rule: banned account, guest, email or IP range', () => {
  it.each([
    ['no bans', guest, [] as BanEntry[]],
    ['another guest', guest, [ban('guest', '8')]],
    ['another account', member, [ban('user', '4')]],
    ['another address', guest, [ban('email', 'other@example.org')]],
    ['another domain', guest, [ban('email', '@example.com')]],
    ['another IPv4 range', guest, [ban('ip', '198.51.100.0/24')]],
    ['another IPv6 range', member, [ban('ip', '2001:db9::/32')]],
    ['an IPv4 range for an IPv6 client', member, [ban('ip', '0.0.0.0/0')]],
    ['a suspension that has ended', guest, [ban('guest', '7', { expiresAt: '2026-05-20T09:59:59.000Z' })]],
  ])('passes: %s', (_name, who, bans) => {
    expect(banned(who, bans, now, on)).toBeNull();
  });

  it.each([
    ['the guest identity', guest, ban('guest', '7'), 'banned_guest'],
    ['the account', member, ban('user', '3'), 'banned_account'],
    ['the email address', guest, ban('email', 'olena@example.org'), 'banned_email'],
    ['the email domain', member, ban('email', '@example.com'), 'banned_email'],
    ['an IPv4 range (CIDR)', guest, ban('ip', '203.0.113.0/24'), 'banned_ip'],
    ['a single IPv4 address', guest, ban('ip', '203.0.113.9/32'), 'banned_ip'],
    ['an IPv6 range (CIDR)', member, ban('ip', '2001:db8::/32'), 'banned_ip'],
    ['a suspension still running', guest, ban('guest', '7', { expiresAt: '2026-05-27T10:00:00.000Z' }), 'banned_guest'],
  ])('rejects: %s', (_name, who, entry, reason) => {
    expect(banned(who, [entry], now, on)).toMatchObject({ action: 'reject', reason });
  });

  it('matches an IPv4 client seen through an IPv6 socket (::ffff:a.b.c.d)', () => {
    expect(banned({ ...guest, ip: '::ffff:203.0.113.9' }, [ban('ip', '203.0.113.0/24')], now, on)).toMatchObject({ reason: 'banned_ip' });
  });

  it('flags a shadow-banned identity (published to its author only), and a real ban wins over it', () => {
    expect(banned(guest, [ban('guest', '7', { mode: 'shadow' })], now, on)).toEqual({ action: 'flag', reason: 'shadow_banned', detail: 'guest:7' });
    expect(banned(guest, [ban('guest', '7', { mode: 'shadow' }), ban('ip', '203.0.113.0/24')], now, on)).toMatchObject({ action: 'reject', reason: 'banned_ip' });
  });

  it('does nothing when turned off', () => {
    expect(banned(guest, [ban('guest', '7'), ban('guest', '7', { mode: 'shadow' })], now, { action: 'off' })).toBeNull();
  });
});
