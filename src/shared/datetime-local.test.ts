import { describe, expect, it } from 'vitest';
import { utcToZonedLocal, zonedLocalToUtc } from './datetime-local.js';

describe('datetime-local in the site time zone', () => {
  it('converts a wall-clock time to UTC and back', () => {
    expect(zonedLocalToUtc('2026-05-21T14:30', 'Europe/Paris')?.toISOString()).toBe('2026-05-21T12:30:00.000Z');
    expect(zonedLocalToUtc('2026-01-21T14:30', 'Europe/Paris')?.toISOString()).toBe('2026-01-21T13:30:00.000Z');
    expect(zonedLocalToUtc('2026-05-21T14:30', 'America/New_York')?.toISOString()).toBe('2026-05-21T18:30:00.000Z');
    expect(zonedLocalToUtc('2026-05-21T14:30', 'UTC')?.toISOString()).toBe('2026-05-21T14:30:00.000Z');
    expect(utcToZonedLocal('2026-05-21T12:30:00.000Z', 'Europe/Paris')).toBe('2026-05-21T14:30');
    expect(utcToZonedLocal('2026-05-21T18:30:00.000Z', 'America/New_York')).toBe('2026-05-21T14:30');
  });

  it('handles the hours around a DST change', () => {
    // 2026-03-29 02:30 does not exist in Paris (clocks jump from 02:00 to 03:00).
    expect(zonedLocalToUtc('2026-03-29T03:30', 'Europe/Paris')?.toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(zonedLocalToUtc('2026-03-29T01:30', 'Europe/Paris')?.toISOString()).toBe('2026-03-29T00:30:00.000Z');
    const gap = zonedLocalToUtc('2026-03-29T02:30', 'Europe/Paris');
    expect(gap).not.toBeNull();
  });

  it('refuses what is not a wall-clock time', () => {
    for (const bad of ['', 'tomorrow', '2026-02-30T10:00', '2026-13-01T10:00', '2026-05-21 14:30', '2026-05-21T24:00']) expect(zonedLocalToUtc(bad, 'UTC')).toBeNull();
  });
});
