import { zoneOffsetMinutes } from './zoned-time.js';

/**
 * `<input type="datetime-local">` values ("2026-05-21T14:30") are wall-clock times with no zone:
 * these read and write them in the site's time zone, for times stored in UTC.
 */
const localPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** The UTC instant of a wall-clock time in `timeZone`; null when the text is not such a time. */
export function zonedLocalToUtc(local: string, timeZone: string): Date | null {
  const m = localPattern.exec(local.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  const guess = Date.UTC(year, month - 1, day, hour, minute, second);
  if (new Date(guess).getUTCDate() !== day) return null;
  // Two passes settle the offset across a DST change; a time that does not exist (spring forward) moves on by the gap.
  let instant = guess - zoneOffsetMinutes(new Date(guess), timeZone) * 60_000;
  instant = guess - zoneOffsetMinutes(new Date(instant), timeZone) * 60_000;
  return new Date(instant);
}

/** The wall-clock time of a UTC instant in `timeZone`, as a datetime-local value ("2026-05-21T14:30"). */
export function utcToZonedLocal(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const shifted = new Date(date.getTime() + zoneOffsetMinutes(date, timeZone) * 60_000);
  return shifted.toISOString().slice(0, 16);
}
