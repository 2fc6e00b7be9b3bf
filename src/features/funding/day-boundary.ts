import type { AppContext } from '../../context.js';
import { zonedMidnight, zoneOffsetMinutes } from '../../shared/zoned-time.js';

const days = new WeakMap<AppContext, { from: number; to: number; timeZone: string }>();

/** [local midnight, next local midnight) around `at` in `timeZone`, as epoch ms. */
export function zonedDay(at: Date, timeZone: string): { from: number; to: number } {
  const local = new Date(at.getTime() + zoneOffsetMinutes(at, timeZone) * 60_000);
  const [y, m, d] = [local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate()];
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return {
    from: zonedMidnight(y, m, d, timeZone).getTime(),
    to: zonedMidnight(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), timeZone).getTime(),
  };
}

/**
 * The bar changes with the calendar alone: "days left" every local midnight, and the whole period
 * on the 1st of the month. Called before the page cache answers: when the site's day has changed
 * since pages were cached, the pages showing the bar are dropped from this instance's cache. Costs
 * one comparison per request.
 */
export function expireFundingDay(ctx: AppContext): void {
  const now = ctx.clock.now();
  const timeZone = ctx.site.settings.timeZone;
  const day = days.get(ctx);
  const t = now.getTime();
  if (day && day.timeZone === timeZone && t >= day.from && t < day.to) return;
  days.set(ctx, { ...zonedDay(now, timeZone), timeZone });
  if (day) ctx.cache.invalidate(['funding']);
}
