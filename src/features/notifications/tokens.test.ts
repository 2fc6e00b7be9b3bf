import { describe, expect, it } from 'vitest';
import { confirmToken, manageToken, readNotifyToken, unsubscribeToken } from './tokens.js';

const secret = 'a'.repeat(64);
const now = new Date('2026-05-20T10:00:00.000Z');
const later = new Date('2026-05-27T10:00:00.000Z');

describe('notification tokens', () => {
  it('reads back what was signed', () => {
    expect(readNotifyToken(secret, unsubscribeToken(secret, 42), now)).toEqual({ kind: 'unsubscribe', id: 42 });
    expect(readNotifyToken(secret, confirmToken(secret, [9, 3], later), now)).toEqual({ kind: 'confirm', ids: [3, 9], expiresAt: later });
    expect(readNotifyToken(secret, manageToken(secret, 'email:ada@example.org', later), now)).toEqual({ kind: 'manage', subscriberKey: 'email:ada@example.org', expiresAt: later });
  });

  it('is URL-safe', () => {
    for (const token of [unsubscribeToken(secret, 1), confirmToken(secret, [1, 2], later), manageToken(secret, 'user:7', later)]) {
      expect(token).toMatch(/^[A-Za-z0-9._-]+$/);
    }
  });

  it('refuses tampered, foreign and malformed tokens', () => {
    const token = unsubscribeToken(secret, 42);
    expect(readNotifyToken(secret, token.replace('u.42', 'u.43'), now)).toEqual({ problem: 'invalid' });
    expect(readNotifyToken('b'.repeat(64), token, now)).toEqual({ problem: 'invalid' });
    expect(readNotifyToken(secret, `${token}x`, now)).toEqual({ problem: 'invalid' });
    expect(readNotifyToken(secret, token.slice(0, -1), now)).toEqual({ problem: 'invalid' });
    for (const junk of ['', '.', 'u.42', 'nonsense', '....']) expect(readNotifyToken(secret, junk, now)).toEqual({ problem: 'invalid' });
  });

  it('expires confirm and manage links, never unsubscribe links', () => {
    const after = new Date(later.getTime() + 1000);
    expect(readNotifyToken(secret, confirmToken(secret, [1], later), after)).toEqual({ problem: 'expired' });
    expect(readNotifyToken(secret, manageToken(secret, 'user:7', later), after)).toEqual({ problem: 'expired' });
    expect(readNotifyToken(secret, unsubscribeToken(secret, 1), new Date('2099-01-01T00:00:00Z'))).toEqual({ kind: 'unsubscribe', id: 1 });
  });
});
