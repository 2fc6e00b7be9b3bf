import { describe, expect, it } from 'vitest';
import { currentPeriod, daysLeft, monthKey, periodOf } from './period.js';

const monthly = { kind: 'monthly' as const, startsAt: null, endsAt: null };

describe('funding periods', () => {
  it('keys a month in the site time zone, not UTC', () => {
    // 23:30 UTC on 31 October is already 1 November in Kyiv, still 31 October in New York.
    const at = new Date('2026-10-31T23:30:00.000Z');
    expect(monthKey(at, 'Europe/Kyiv')).toBe('2026-11');
    expect(monthKey(at, 'America/New_York')).toBe('2026-10');
    expect(periodOf(monthly, at, 'UTC')).toBe('2026-10');
    expect(periodOf({ kind: 'fixed', startsAt: null, endsAt: null }, at, 'UTC')).toBe('fixed');
  });

  it('gives the current month with its bounds, rolling over at local midnight', () => {
    const p = currentPeriod(monthly, new Date('2026-11-20T10:00:00.000Z'), 'America/New_York');
    expect(p).toEqual({ key: '2026-11', from: '2026-11-01T04:00:00.000Z', to: '2026-12-01T05:00:00.000Z' });
    expect(currentPeriod(monthly, new Date('2026-12-01T04:59:59.999Z'), 'America/New_York').key).toBe('2026-11');
    expect(currentPeriod(monthly, new Date('2026-12-01T05:00:00.000Z'), 'America/New_York').key).toBe('2026-12');
    expect(currentPeriod(monthly, new Date('2026-12-31T23:00:00.000Z'), 'UTC').to).toBe('2027-01-01T00:00:00.000Z');
  });

  it('counts days left including today', () => {
    const to = '2026-12-01T00:00:00.000Z';
    expect(daysLeft(new Date('2026-11-30T10:00:00.000Z'), to)).toBe(1);
    expect(daysLeft(new Date('2026-11-20T00:00:00.000Z'), to)).toBe(11);
    expect(daysLeft(new Date('2026-12-01T00:00:00.000Z'), to)).toBe(0);
    expect(daysLeft(new Date(), null)).toBeNull();
  });
});

describe('zoned days', async () => {
  const { zonedDay } = await import('./day-boundary.js');
  it('gives the local day around an instant', () => {
    const day = zonedDay(new Date('2026-11-30T12:00:00.000Z'), 'America/New_York');
    expect(new Date(day.from).toISOString()).toBe('2026-11-30T05:00:00.000Z');
    expect(new Date(day.to).toISOString()).toBe('2026-12-01T05:00:00.000Z');
  });
});
