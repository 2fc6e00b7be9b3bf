import type { Kysely } from 'kysely';

/**
 * Sign-up links: a one-time link emailed to an address with no account yet (purpose 'signup',
 * no user) carries the address it was sent to, and creates the member account when it is used.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('login_tokens').addColumn('email', 'text').execute();
}
