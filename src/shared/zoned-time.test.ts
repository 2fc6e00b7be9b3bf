import { describe, expect, it } from 'vitest';
import { zonedMidnight, zonedMonthRange, zoneOffsetMinutes } from './zoned-time.js';

describe('zoned time', () => {
  it('knows offsets with and without daylight saving', () => {
    expect(zoneOffsetMinutes(new Date('2022-01-15T12:00:00Z'), 'Europe/Kyiv')).toBe(120);
    expect(zoneOffsetMinutes(new Date('2022-07-15T12:00:00Z'), 'Europe/Kyiv')).toBe(180);
    expect(zoneOffsetMinutes(new Date('2022-07-15T12:00:00Z'), 'America/New_York')).toBe(-240);
    expect(zoneOffsetMinutes(new Date('2022-07-15T12:00:00Z'), 'UTC')).toBe(0);
  });

  it('gives a month as a UTC range in the site zone', () => {
    expect(zonedMonthRange(2022, 5, 'Europe/Kyiv')).toEqual({ from: '2022-04-30T21:00:00.000Z', to: '2022-05-31T21:00:00.000Z' });
    expect(zonedMonthRange(2022, 12, 'UTC')).toEqual({ from: '2022-12-01T00:00:00.000Z', to: '2023-01-01T00:00:00.000Z' });
    // March in New York starts in winter time and ends in summer time.
    expect(zonedMonthRange(2024, 3, 'America/New_York')).toEqual({ from: '2024-03-01T05:00:00.000Z', to: '2024-04-01T04:00:00.000Z' });
  });

  it('finds midnight on a day that changes clocks', () => {
    expect(zonedMidnight(2024, 3, 31, 'Europe/Kyiv').toISOString()).toBe('2024-03-30T22:00:00.000Z');
  });
});
