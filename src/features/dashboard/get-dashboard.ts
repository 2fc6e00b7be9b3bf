import { type Expression, type SqlBool, sql } from 'kysely';
import type { AppContext } from '../../context.js';
import { iso } from '../../shared/clock.js';
import { zonedMidnight } from '../../shared/zoned-time.js';
import { type FundingProgress, getFundingProgress } from '../funding/get-funding-progress.js';
import { currentPeriod } from '../funding/period.js';
import { getCurrentCampaign } from '../funding/queries.js';
import { countQueues } from '../moderation/queue-queries.js';

export interface DayCount {
  /** The calendar day in the site's time zone, YYYY-MM-DD. */
  day: string;
  /** The UTC instant that day starts in the site's time zone (format it for people). */
  from: string;
  count: number;
}

/** Money raised on one day of the campaign period, and the running total at the day's end. */
export interface MoneyDay {
  day: string;
  from: string;
  /** Net of refunds and disputes that day, in minor units. */
  amountMinor: number;
  /** Raised in the period up to the end of that day; the last one equals the bar's raised amount. */
  cumulativeMinor: number;
}

export interface DashboardFunding {
  progress: FundingProgress;
  /** The current period's days up to today (at most 366), oldest first. */
  perDay: MoneyDay[];
}

/** The moderation queue's own tab counts (the same numbers as the tabs of /admin/moderation). */
export interface DashboardModeration {
  pending: number;
  reported: number;
  appeals: number;
}

export interface DashboardStats {
  articles: { published: number; scheduled: number; draft: number };
  /** Null while the site has no comments table (the discussion feature not installed). */
  comments: { today: number; pending: number } | null;
  /** Null while the moderation feature is not installed. */
  moderation: DashboardModeration | null;
  /** Comments posted on each of the last `days` days (not deleted, not held back), oldest first. */
  commentsPerDay: DayCount[];
  /** Articles published on each of the last `days` days, oldest first, today last. */
  publishedPerDay: DayCount[];
  /** The current campaign's progress and its money per day; null when no campaign runs. */
  funding: DashboardFunding | null;
}

const pad = (n: number) => String(n).padStart(2, '0');

interface LocalDay {
  day: string;
  from: string;
  to: string;
}

/** The calendar date of an instant in `timeZone`. */
function localDate(at: Date, timeZone: string): { year: number; month: number; day: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(at).map((p) => [p.type, Number(p.value)]),
  );
  return { year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1 };
}

/** `count` calendar days in `timeZone` starting on `start`, each with its UTC range [from, to). */
function daysFrom(start: { year: number; month: number; day: number }, count: number, timeZone: string): LocalDay[] {
  const out: LocalDay[] = [];
  for (let i = 0; i < count; i++) {
    // Date.UTC normalises day underflow/overflow, so this walks across months and years.
    const d = new Date(Date.UTC(start.year, start.month - 1, start.day + i));
    const next = new Date(d.getTime() + 86_400_000);
    out.push({
      day: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`,
      from: iso(zonedMidnight(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), timeZone)),
      to: iso(zonedMidnight(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), timeZone)),
    });
  }
  return out;
}

/** The last `days` calendar days in `timeZone`, each with its UTC range [from, to). */
export function lastDays(now: Date, timeZone: string, days: number): LocalDay[] {
  const today = localDate(now, timeZone);
  return daysFrom({ ...today, day: today.day - (days - 1) }, days, timeZone);
}

/**
 * The days of a period in `timeZone`, from the day `from` falls on through the day of `until`
 * (today, or the period's last day), keeping at most the latest `max`.
 */
export function periodDays(from: Date, until: Date, timeZone: string, max = 366): LocalDay[] {
  const a = localDate(from, timeZone);
  const b = localDate(until, timeZone);
  const count = Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000) + 1;
  if (count <= 0) return daysFrom(b, 1, timeZone);
  return count > max ? daysFrom({ ...b, day: b.day - (max - 1) }, max, timeZone) : daysFrom(a, count, timeZone);
}

/**
 * One SQL row of per-day sums: column `d<i>` sums `value` over the rows whose `column` falls on day
 * i. With `open`, the first day also takes everything before it and the last everything after,
 * so the days add up to the whole total.
 */
function perDaySelections(column: string, value: Expression<number> | number, days: LocalDay[], open = false) {
  const ref = sql.ref(column);
  const v = typeof value === 'number' ? sql.lit(value) : value;
  return days.map((d, i) => {
    const after: Expression<SqlBool> = open && i === 0 ? sql<SqlBool>`1 = 1` : sql<SqlBool>`${ref} >= ${d.from}`;
    const before: Expression<SqlBool> = open && i === days.length - 1 ? sql<SqlBool>`1 = 1` : sql<SqlBool>`${ref} < ${d.to}`;
    return sql<number>`coalesce(sum(case when ${after} and ${before} then ${v} else 0 end), 0)`.as(`d${i}`);
  });
}

const readDays = (row: Record<string, unknown> | undefined, days: LocalDay[]) => days.map((_d, i) => Number(row?.[`d${i}`] ?? 0));

/** Comment statuses a dashboard counts: posted and not deleted, rejected or held as spam. */
const countedComments = ['published', 'pending'] as const;

/** Comments per day (posted, not deleted or hidden), or null when the comments table does not exist (yet). */
async function commentsPerDay(ctx: AppContext, days: LocalDay[]): Promise<DayCount[] | null> {
  const first = days[0];
  const last = days[days.length - 1];
  if (!first || !last) return [];
  try {
    const row = await ctx.database.db
      .selectFrom('comments')
      .select(perDaySelections('created_at', 1, days))
      .where('status', 'in', [...countedComments])
      .where('created_at', '>=', first.from)
      .where('created_at', '<', last.to)
      .executeTakeFirst();
    const counts = readDays(row as Record<string, unknown> | undefined, days);
    return days.map(({ day, from }, i) => ({ day, from, count: counts[i] ?? 0 }));
  } catch (error) {
    ctx.logger.debug({ err: error }, 'dashboard: no comment counts');
    return null;
  }
}

/** The moderation queue's counts, or null when moderation is not installed. */
async function moderationCounts(ctx: AppContext): Promise<DashboardModeration | null> {
  try {
    const { pending, reported, appeals } = await countQueues(ctx.database.db);
    return { pending, reported, appeals };
  } catch (error) {
    ctx.logger.debug({ err: error }, 'dashboard: no moderation counts');
    return null;
  }
}

/**
 * The current campaign's progress (the bar's own figures) and its money per day over the period so
 * far, from the same ledger rows: the last running total is exactly the bar's raised amount.
 */
export async function fundingPerDay(ctx: AppContext): Promise<DashboardFunding | null> {
  const progress = await getFundingProgress(ctx);
  if (!progress) return null;
  const db = ctx.database.db;
  const now = ctx.clock.now();
  const timeZone = ctx.site.settings.timeZone;
  const campaign = await getCurrentCampaign(db, iso(now));
  const period = campaign ? currentPeriod(campaign, now, timeZone) : { from: null, to: null };
  let from = period.from;
  if (!from) {
    // An open-ended campaign starts, for the chart, on the day of its first gift.
    const firstGift = await db
      .selectFrom('ledger_entries')
      .select((eb) => eb.fn.min('occurred_at').as('first'))
      .where('campaign_id', '=', progress.campaignId)
      .where('period', '=', progress.period)
      .executeTakeFirst();
    from = (firstGift?.first as string | null | undefined) ?? iso(now);
  }
  const end = period.to && Date.parse(period.to) <= now.getTime() ? new Date(Date.parse(period.to) - 1) : now;
  const days = periodDays(new Date(from), end, timeZone);
  const row = await db
    .selectFrom('ledger_entries')
    .select(perDaySelections('occurred_at', sql.ref<number>('amount_minor'), days, true))
    .where('campaign_id', '=', progress.campaignId)
    .where('period', '=', progress.period)
    .executeTakeFirst();
  const amounts = readDays(row as Record<string, unknown> | undefined, days);
  let running = 0;
  const perDay = days.map(({ day, from: dayFrom }, i) => {
    const amountMinor = amounts[i] ?? 0;
    running += amountMinor;
    return { day, from: dayFrom, amountMinor, cumulativeMinor: running };
  });
  return { progress, perDay };
}

/** What the admin dashboard shows. Days are calendar days in the site's time zone. */
export async function getDashboard(ctx: AppContext, options: { days?: number } = {}): Promise<DashboardStats> {
  const db = ctx.database.db;
  const days = lastDays(ctx.clock.now(), ctx.site.settings.timeZone, options.days ?? 30);
  const first = days[0];
  const last = days[days.length - 1];
  if (!first || !last) throw new Error('getDashboard needs at least one day');
  const [byStatus, publishedRow, perDayComments, moderation, funding] = await Promise.all([
    db.selectFrom('articles').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute(),
    db
      .selectFrom('articles')
      .select(perDaySelections('published_at', 1, days))
      .where('status', '=', 'published')
      .where('published_at', '>=', first.from)
      .where('published_at', '<', last.to)
      .executeTakeFirst(),
    commentsPerDay(ctx, days),
    moderationCounts(ctx),
    fundingPerDay(ctx),
  ]);
  const count = (status: string) => Number(byStatus.find((r) => r.status === status)?.n ?? 0);
  const published = readDays(publishedRow as Record<string, unknown> | undefined, days);
  const publishedPerDay = days.map(({ day, from }, i) => ({ day, from, count: published[i] ?? 0 }));
  const comments = perDayComments ? { today: perDayComments.at(-1)?.count ?? 0, pending: moderation?.pending ?? 0 } : null;
  return {
    articles: { published: count('published'), scheduled: count('scheduled'), draft: count('draft') },
    comments,
    moderation,
    commentsPerDay: perDayComments ?? [],
    publishedPerDay,
    funding,
  };
}
