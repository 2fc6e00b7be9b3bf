import { zonedMidnight, zoneOffsetMinutes } from '../../shared/zoned-time.js';

const DAY = 86_400_000;

/** The calendar year and month of an instant in `timeZone`. */
export function zonedYearMonth(at: Date, timeZone: string): { year: number; month: number } {
  const local = new Date(at.getTime() + zoneOffsetMinutes(at, timeZone) * 60_000);
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1 };
}

/** '2026-11': the month of `at` in the site's time zone, the period key of a monthly campaign. */
export function monthKey(at: Date, timeZone: string): string {
  const { year, month } = zonedYearMonth(at, timeZone);
  return `${year}-${String(month).padStart(2, '0')}`;
}

export interface CampaignTiming {
  kind: 'monthly' | 'fixed';
  startsAt: string | null;
  endsAt: string | null;
}

export interface Period {
  /** The key ledger rows of this period carry. */
  key: string;
  /** UTC ISO start and end (exclusive); null when open-ended. */
  from: string | null;
  to: string | null;
}

/** The period a gift made at `at` belongs to. */
export function periodOf(campaign: CampaignTiming, at: Date, timeZone: string): string {
  return campaign.kind === 'monthly' ? monthKey(at, timeZone) : 'fixed';
}

/**
 * The period running at `now`: for a monthly campaign the current month in the site's time zone,
 * computed at read time, so the bar rolls over by itself at local midnight on the 1st.
 */
export function currentPeriod(campaign: CampaignTiming, now: Date, timeZone: string): Period {
  if (campaign.kind === 'fixed') return { key: 'fixed', from: campaign.startsAt, to: campaign.endsAt };
  const { year, month } = zonedYearMonth(now, timeZone);
  const next = month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
  return {
    key: `${year}-${String(month).padStart(2, '0')}`,
    from: zonedMidnight(year, month, 1, timeZone).toISOString(),
    to: zonedMidnight(next.year, next.month, 1, timeZone).toISOString(),
  };
}

/** Whole days left until `to`, counting today: 1 on the last day, 0 once it has passed. */
export function daysLeft(now: Date, to: string | null): number | null {
  if (!to) return null;
  const ms = Date.parse(to) - now.getTime();
  return ms <= 0 ? 0 : Math.ceil(ms / DAY);
}
