import { describe, expect, it } from 'vitest';
import { nextDigestAt } from './schedule.js';

describe('nextDigestAt', () => {
  it('is 07:00 local today when that is still ahead, else tomorrow', () => {
    expect(nextDigestAt(new Date('2026-05-20T03:00:00Z'), 'UTC').toISOString()).toBe('2026-05-20T07:00:00.000Z');
    expect(nextDigestAt(new Date('2026-05-20T07:00:00Z'), 'UTC').toISOString()).toBe('2026-05-21T07:00:00.000Z');
    expect(nextDigestAt(new Date('2026-05-20T10:00:00Z'), 'Europe/Kyiv').toISOString()).toBe('2026-05-21T04:00:00.000Z');
    expect(nextDigestAt(new Date('2026-12-31T23:30:00Z'), 'America/New_York').toISOString()).toBe('2027-01-01T12:00:00.000Z');
  });
});
