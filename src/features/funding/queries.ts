import { type Kysely, type Selectable, type SqlBool, sql } from 'kysely';
import { prepared } from '../../db/prepared.js';
import type { DB } from '../../db/schema/index.js';
import type { CampaignsTable, LedgerEntriesTable, ProviderEventsTable } from '../../db/schema/funding.js';

export interface Campaign {
  id: number;
  name: string;
  goalMinor: number;
  currency: string;
  kind: 'monthly' | 'fixed';
  startsAt: string | null;
  endsAt: string | null;
  /** Tick amounts in minor units, ascending, always including 0 and the goal. */
  milestones: number[];
  thankYou: string;
  active: boolean;
}

/** Ticks stored for a campaign, or the default 0 · half · goal. */
export function milestonesOf(raw: string, goalMinor: number): number[] {
  let parsed: unknown = [];
  try {
    parsed = JSON.parse(raw);
  } catch {
    // An unreadable value falls back to the default ticks.
  }
  const stored = Array.isArray(parsed) ? parsed.filter((v): v is number => Number.isInteger(v) && v > 0 && v < goalMinor) : [];
  const ticks = stored.length ? stored : [Math.round(goalMinor / 2)];
  return [...new Set([0, ...ticks, goalMinor])].sort((a, b) => a - b);
}

export function toCampaign(row: Selectable<CampaignsTable>): Campaign {
  return {
    id: row.id,
    name: row.name,
    goalMinor: Number(row.goal_minor),
    currency: row.currency,
    kind: row.kind,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    milestones: milestonesOf(row.milestones, Number(row.goal_minor)),
    thankYou: row.thank_you,
    active: row.active === 1,
  };
}

export async function getCampaign(db: Kysely<DB>, id: number): Promise<Campaign | null> {
  const row = await db.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toCampaign(row) : null;
}

export async function listCampaigns(db: Kysely<DB>): Promise<Campaign[]> {
  const rows = await db.selectFrom('campaigns').selectAll().orderBy('id', 'desc').execute();
  return rows.map(toCampaign);
}

/**
 * The campaign readers see: the newest active one that is running now (a monthly campaign always
 * is; a fixed one between its start and end).
 */
export async function getCurrentCampaign(db: Kysely<DB>, nowIso: string): Promise<Campaign | null> {
  return runningCampaign(await listActiveCampaigns(db), nowIso);
}

/** The active campaigns, newest first: what `runningCampaign` chooses from. */
export async function listActiveCampaigns(db: Kysely<DB>): Promise<Campaign[]> {
  const rows = await activeCampaigns.all(db, {});
  return rows.map(toCampaign);
}

const activeCampaigns = prepared()((db) => db.selectFrom('campaigns').selectAll().where('active', '=', 1).orderBy('id', 'desc').limit(20));

/** The campaign running at `nowIso`: the newest active monthly one, or fixed one whose dates hold `nowIso`. */
export function runningCampaign(campaigns: readonly Campaign[], nowIso: string): Campaign | null {
  return campaigns.find((c) => c.kind === 'monthly' || ((!c.startsAt || c.startsAt <= nowIso) && (!c.endsAt || nowIso < c.endsAt))) ?? null;
}

/** The raised amount: the sum of every ledger row of the campaign's period, net of refunds and disputes. */
export async function sumRaised(db: Kysely<DB>, campaignId: number, period: string): Promise<number> {
  const row = await raisedInPeriod.first(db, { campaignId, period });
  return Number(row?.total ?? 0);
}

const raisedInPeriod = prepared<{ campaignId: number; period: string }>()((db, p) =>
  db
    .selectFrom('ledger_entries')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_minor'), eb.lit(0)).as('total'))
    .where('campaign_id', '=', p.campaignId)
    .where('period', '=', p.period),
);

export interface WallEntry {
  name: string;
  message: string;
  at: string;
}

/**
 * The donor wall of a period: the latest public gifts still standing (not refunded or lost to a
 * dispute), and how many gifts came from anonymous supporters. Anonymous donors are never named.
 */
export async function listDonorWall(db: Kysely<DB>, campaignId: number, period: string, limit = 12): Promise<{ entries: WallEntry[]; anonymous: number; donors: number }> {
  // A gift still stands while its adjustments (refunds, lost disputes, reversals) leave some of it.
  const standing = sql<SqlBool>`g.amount_minor + coalesce((select sum(a.amount_minor) from ledger_entries a where a.adjusts_entry_id = g.id), 0) > 0`;
  const named = sql<SqlBool>`g.donor_public = 1 and trim(g.donor_name) <> ''`;
  const gifts = db.selectFrom('ledger_entries as g').where('g.campaign_id', '=', campaignId).where('g.period', '=', period).where('g.kind', '=', 'donation').where(standing);
  // Counted in SQL over every gift of the period, however many: never a capped page of rows.
  const [entries, counts] = await Promise.all([
    gifts.select(['g.donor_name', 'g.message', 'g.occurred_at']).where(named).orderBy('g.occurred_at', 'desc').orderBy('g.id', 'desc').limit(limit).execute(),
    gifts.select([sql<number | string>`count(*)`.as('donors'), sql<number | string | null>`sum(case when ${named} then 0 else 1 end)`.as('anonymous')]).executeTakeFirstOrThrow(),
  ]);
  return {
    entries: entries.map((r) => ({ name: r.donor_name, message: r.message, at: r.occurred_at })),
    anonymous: Number(counts.anonymous ?? 0),
    donors: Number(counts.donors),
  };
}

export type LedgerRow = Selectable<LedgerEntriesTable> & {
  /** The name of the admin who entered the row (`created_by`), null for Stripe or a deleted account. */
  entered_by_name: string | null;
  /** The admin reversal that took this gift back, if any. */
  reversed_by: number | null;
};
export type ProviderEventRow = Selectable<ProviderEventsTable>;

/** A campaign's ledger, newest first, for admins: who entered each row, and which gifts are reversed. */
export async function listLedger(db: Kysely<DB>, campaignId: number, limit = 200): Promise<LedgerRow[]> {
  const rows = await db
    .selectFrom('ledger_entries as e')
    .leftJoin('users as u', 'u.id', 'e.created_by')
    .selectAll('e')
    .select((eb) => [
      'u.name as entered_by_name',
      eb.selectFrom('ledger_entries as r').whereRef('r.adjusts_entry_id', '=', 'e.id').where('r.kind', '=', 'reversal').select((r) => r.fn.min<number>('r.id').as('m')).as('reversed_by'),
    ])
    .where('e.campaign_id', '=', campaignId)
    .orderBy('e.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, reversed_by: r.reversed_by === null ? null : Number(r.reversed_by) }));
}

export interface AuditRow {
  id: number;
  at: string;
  actor: string;
  /** The admin's name; null for Stripe, the system, or a deleted account. */
  actorName: string | null;
  action: string;
  entryId: number | null;
  details: Record<string, unknown>;
}

/** Who changed a campaign or its ledger, when and what, newest first, for admins. */
export async function listLedgerAudit(db: Kysely<DB>, campaignId: number, limit = 200): Promise<AuditRow[]> {
  const rows = await db
    .selectFrom('ledger_audit as a')
    .leftJoin('users as u', 'u.id', 'a.actor_user_id')
    .select(['a.id', 'a.created_at', 'a.actor', 'a.action', 'a.entry_id', 'a.details', 'u.name'])
    .where('a.campaign_id', '=', campaignId)
    .orderBy('a.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => {
    let details: Record<string, unknown> = {};
    try {
      const parsed: unknown = JSON.parse(r.details);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) details = parsed as Record<string, unknown>;
    } catch {
      // Unreadable details show as none.
    }
    return { id: r.id, at: r.created_at, actor: r.actor, actorName: r.name, action: r.action, entryId: r.entry_id, details };
  });
}

/** Provider events that were not applied (unmatched, rejected), newest first, for admins. */
export async function listUnappliedEvents(db: Kysely<DB>, limit = 100): Promise<ProviderEventRow[]> {
  return db.selectFrom('provider_events').selectAll().where('outcome', 'in', ['unmatched', 'rejected']).orderBy('id', 'desc').limit(limit).execute();
}
