import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import { idColumn } from './helpers.js';

/**
 * Reader funding: campaigns, donations (checkout intents), the append-only ledger, the provider
 * events that fed it (unique per provider event id) and the audit trail. Raised amounts are always
 * sums over `ledger_entries`, never a stored counter. See docs/funding.md.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('campaigns')
    .addColumn('id', 'integer', (c) => idColumn(c, dialect))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('goal_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text')
    .addColumn('ends_at', 'text')
    .addColumn('milestones', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('thank_you', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('donations')
    .addColumn('id', 'integer', (c) => idColumn(c, dialect))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('frequency', 'text', (c) => c.notNull())
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('donor_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('donor_public', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('message', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('checkout_session_id', 'text', (c) => c.unique())
    .addColumn('payment_intent_id', 'text')
    .addColumn('subscription_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('settled_at', 'text')
    .execute();
  await db.schema.createIndex('donations_subscription').on('donations').column('subscription_id').execute();
  await db.schema.createIndex('donations_payment_intent').on('donations').column('payment_intent_id').execute();

  await db.schema
    .createTable('ledger_entries')
    .addColumn('id', 'integer', (c) => idColumn(c, dialect))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('donation_id', 'integer', (c) => c.references('donations.id'))
    .addColumn('adjusts_entry_id', 'integer', (c) => c.references('ledger_entries.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('provider_ref', 'text')
    .addColumn('checkout_session_id', 'text')
    .addColumn('payment_intent_id', 'text')
    .addColumn('charge_id', 'text')
    .addColumn('invoice_id', 'text')
    .addColumn('donor_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('donor_public', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('message', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('email', 'text')
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // The same provider fact (a gift's invoice or payment, a refund total, a dispute) is counted once,
  // whichever events carry it and however often they arrive.
  await db.schema.createIndex('ledger_entries_provider_ref').on('ledger_entries').columns(['kind', 'provider_ref']).unique().execute();
  await db.schema.createIndex('ledger_entries_period').on('ledger_entries').columns(['campaign_id', 'period']).execute();
  await db.schema.createIndex('ledger_entries_payment_intent').on('ledger_entries').column('payment_intent_id').execute();
  await db.schema.createIndex('ledger_entries_charge').on('ledger_entries').column('charge_id').execute();
  await db.schema.createIndex('ledger_entries_adjusts').on('ledger_entries').column('adjusts_entry_id').execute();

  await db.schema
    .createTable('provider_events')
    .addColumn('id', 'integer', (c) => idColumn(c, dialect))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('object_ref', 'text')
    .addColumn('payment_intent_ref', 'text')
    .addColumn('payload', 'text', (c) => c.notNull().defaultTo('{}'))
    .addUniqueConstraint('provider_events_event_id', ['provider', 'event_id'])
    .execute();
  await db.schema.createIndex('provider_events_pending').on('provider_events').columns(['outcome', 'payment_intent_ref']).execute();

  await db.schema
    .createTable('ledger_audit')
    .addColumn('id', 'integer', (c) => idColumn(c, dialect))
    .addColumn('campaign_id', 'integer', (c) => c.references('campaigns.id'))
    .addColumn('entry_id', 'integer', (c) => c.references('ledger_entries.id'))
    .addColumn('actor_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ledger_audit_campaign').on('ledger_audit').columns(['campaign_id', 'id']).execute();
}
