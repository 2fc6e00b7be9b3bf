import type { Generated } from 'kysely';

export type CampaignKind = 'monthly' | 'fixed';
export type DonationStatus = 'pending' | 'settled' | 'failed';
export type DonationFrequency = 'one_off' | 'monthly';
/** `reversal`: an admin took back a mistyped offline gift (a negative row adjusting it). */
export type LedgerKind = 'donation' | 'refund' | 'dispute' | 'dispute_reversal' | 'reversal';
export type LedgerProvider = 'stripe' | 'offline';
export type ProviderEventOutcome = 'applied' | 'unmatched' | 'ignored' | 'rejected';

/** A funding campaign: a goal in one currency, for each month or for fixed dates. */
export interface CampaignsTable {
  id: Generated<number>;
  name: string;
  goal_minor: number;
  /** ISO 4217, upper case. */
  currency: string;
  kind: CampaignKind;
  /** Fixed campaigns only: UTC ISO instants, [starts_at, ends_at). */
  starts_at: string | null;
  ends_at: string | null;
  /** JSON array of amounts in minor units, ascending, e.g. [0, 250000, 500000]. */
  milestones: string;
  thank_you: string;
  active: number;
  created_at: string;
  updated_at: string;
}

/** A reader's intent to give, from the form to the provider's checkout and back. */
export interface DonationsTable {
  id: Generated<number>;
  campaign_id: number;
  status: DonationStatus;
  frequency: DonationFrequency;
  amount_minor: number;
  currency: string;
  donor_name: string;
  donor_public: number;
  message: string;
  email: string;
  checkout_session_id: string | null;
  payment_intent_id: string | null;
  subscription_id: string | null;
  created_at: string;
  settled_at: string | null;
}

/**
 * Money movements. Append-only: a refund or a dispute is a new (negative) row pointing at the
 * gift it adjusts (`adjusts_entry_id`), never an edit. A campaign's raised amount for a period is
 * the SUM of `amount_minor` over its rows with that period.
 */
export interface LedgerEntriesTable {
  id: Generated<number>;
  campaign_id: number;
  donation_id: number | null;
  /** The gift (a 'donation' row) that a refund, dispute or reversal adjusts. */
  adjusts_entry_id: number | null;
  /** '2026-11' (monthly campaigns, the gift's month in the site's time zone) or 'fixed'. */
  period: string;
  kind: LedgerKind;
  /** Signed, in minor units: gifts and won disputes positive; refunds, disputes and admin reversals negative. */
  amount_minor: number;
  currency: string;
  provider: LedgerProvider;
  /** What makes this row unique at the provider: invoice, payment intent, `charge:refunded-total`, dispute. */
  provider_ref: string | null;
  checkout_session_id: string | null;
  payment_intent_id: string | null;
  charge_id: string | null;
  invoice_id: string | null;
  donor_name: string;
  donor_public: number;
  message: string;
  email: string | null;
  note: string;
  /** The admin who entered an offline gift or reversed one. */
  created_by: number | null;
  /** When the money moved (UTC ISO); decides the period. */
  occurred_at: string;
  created_at: string;
}

/** Every webhook event received, applied or not; the unique event id makes delivery exactly-once. */
export interface ProviderEventsTable {
  id: Generated<number>;
  provider: string;
  event_id: string;
  type: string;
  received_at: string;
  outcome: ProviderEventOutcome;
  /** Why, for people: "no donation has this checkout session", "currency EUR, campaign is in USD". */
  note: string;
  /** The charge, dispute, session or invoice the event is about. */
  object_ref: string | null;
  payment_intent_ref: string | null;
  /** The fields of the event this app uses, as JSON, so an unmatched event can be applied later. */
  payload: string;
}

/** Who changed the ledger or a campaign, when, and what. */
export interface LedgerAuditTable {
  id: Generated<number>;
  campaign_id: number | null;
  entry_id: number | null;
  /** The admin, or null for the payment provider and the system. */
  actor_user_id: number | null;
  /** 'admin', 'stripe', 'system'. */
  actor: string;
  action: string;
  /** JSON details of the change. */
  details: string;
  created_at: string;
}
