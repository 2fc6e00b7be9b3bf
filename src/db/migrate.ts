import { type Kysely, type Migration, type MigrationResultSet, Migrator } from 'kysely';
import type { Database, Dialect } from './database.js';
import * as m001 from './migrations/001-initial.js';
import * as m002 from './migrations/002-discussion.js';
import * as m003 from './migrations/003-accounts.js';
import * as m004 from './migrations/004-funding.js';
import * as m005 from './migrations/005-jobs.js';
import * as m006 from './migrations/006-admin-content.js';
import * as m007notifications from './migrations/007-notifications.js';
import * as m008 from './migrations/008-moderation.js';
import * as m009 from './migrations/009-feedback.js';
import * as m010 from './migrations/010-signup-links.js';

type Step = { up(db: Kysely<unknown>, dialect: Dialect): Promise<void> };

/** Every migration, in order. A landed migration is never edited: add a new one. */
const steps: Record<string, Step> = {
  '001-initial': m001,
  '002-discussion': m002,
  '003-accounts': m003,
  '004-funding': m004,
  '005-jobs': m005,
  '006-admin-content': m006,
  '007-notifications': m007notifications,
  '008-moderation': m008,
  '009-feedback': m009,
  '010-signup-links': m010,
};

function provider(dialect: Dialect) {
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      const out: Record<string, Migration> = {};
      for (const [name, step] of Object.entries(steps)) out[name] = { up: (db) => step.up(db, dialect) };
      return out;
    },
  };
}

export class MigrationError extends Error {
  readonly code = 'migration_failed';
}

/** Bring the schema up to date. Returns the names of the migrations applied now. */
export async function migrateToLatest(database: Database): Promise<string[]> {
  // Features land in parallel, so a database may have run 005 before 004 existed: allow that.
  const migrator = new Migrator({ db: database.db, provider: provider(database.dialect), allowUnorderedMigrations: true });
  const { error, results }: MigrationResultSet = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationError(`migration ${failed?.migrationName ?? '?'} failed: ${reason}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
