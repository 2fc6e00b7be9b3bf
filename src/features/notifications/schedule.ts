import { zonedMidnight } from '../../shared/zoned-time.js';

/** At most one email per subscription in this long: a burst of comments is batched into the next one. */
export const WINDOW_MS = 10 * 60_000;
/** Daily digests go out at this local hour (the site's time zone). */
export const DIGEST_HOUR = 7;
/** A send scheduled this long ago whose job never ran is assumed lost and scheduled again. */
export const STALE_SCHEDULE_MS = 60 * 60_000;
/** The most comments one email lists; the rest go in the next one. */
export const MAX_COMMENTS_PER_EMAIL = 50;

/** The next digest time after `now`: DIGEST_HOUR o'clock in `timeZone`, today or tomorrow. */
export function nextDigestAt(now: Date, timeZone: string): Date {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(now).map((p) => [p.type, Number(p.value)]),
  );
  for (let offset = 0; offset < 3; offset++) {
    const day = new Date(Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, (parts.day ?? 1) + offset));
    const at = new Date(zonedMidnight(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), timeZone).getTime() + DIGEST_HOUR * 3600_000);
    if (at.getTime() > now.getTime()) return at;
  }
  return new Date(now.getTime() + 24 * 3600_000);
}
