import { describe, expect, it } from 'vitest';
import { lastDays, periodDays } from './get-dashboard.js';

describe('lastDays', () => {
  it('walks back across a month end, oldest first, today last', () => {
    const days = lastDays(new Date('2026-03-02T10:00:00.000Z'), 'UTC', 4);
    expect(days.map((d) => d.day)).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(days[3]).toEqual({ day: '2026-03-02', from: '2026-03-02T00:00:00.000Z', to: '2026-03-03T00:00:00.000Z' });
  });

  it('uses the site’s calendar: local midnight, and a 23-hour day when the clocks go forward', () => {
    // 01:30 UTC on 30 March 2026 is already 03:30 on the 30th in Berlin (summer time started on the 29th).
    const days = lastDays(new Date('2026-03-30T01:30:00.000Z'), 'Europe/Berlin', 2);
    expect(days).toEqual([
      { day: '2026-03-29', from: '2026-03-28T23:00:00.000Z', to: '2026-03-29T22:00:00.000Z' },
      { day: '2026-03-30', from: '2026-03-29T22:00:00.000Z', to: '2026-03-30T22:00:00.000Z' },
    ]);
  });

  it('knows that late evening in New York is already tomorrow in UTC', () => {
    const [today] = lastDays(new Date('2026-05-21T02:00:00.000Z'), 'America/New_York', 1);
    expect(today?.day).toBe('2026-05-20');
  });
});

describe('periodDays', () => {
  it('lists the local days from the period’s start through today', () => {
    const days = periodDays(new Date('2026-05-01T04:00:00.000Z'), new Date('2026-05-03T02:00:00.000Z'), 'America/New_York');
    expect(days.map((d) => d.day)).toEqual(['2026-05-01', '2026-05-02']);
    expect(days[0]).toEqual({ day: '2026-05-01', from: '2026-05-01T04:00:00.000Z', to: '2026-05-02T04:00:00.000Z' });
  });

  it('keeps the latest days of a long campaign, and one day for an empty range', () => {
    const long = periodDays(new Date('2025-01-01T00:00:00.000Z'), new Date('2026-05-20T10:00:00.000Z'), 'UTC', 10);
    expect(long.map((d) => d.day)).toEqual(lastDays(new Date('2026-05-20T10:00:00.000Z'), 'UTC', 10).map((d) => d.day));
    expect(periodDays(new Date('2026-05-21T00:00:00.000Z'), new Date('2026-05-20T10:00:00.000Z'), 'UTC').map((d) => d.day)).toEqual(['2026-05-20']);
  });
});
