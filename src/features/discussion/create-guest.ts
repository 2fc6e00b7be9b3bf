import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AppContext } from '../../context.js';
import { prepared } from '../../db/prepared.js';
import type { DB } from '../../db/schema/index.js';
import { iso } from '../../shared/clock.js';

export function hashGuestToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * A new guest identity. The token goes into the reader's signed cookie; only its hash is stored,
 * so a copy of the database cannot be used to act as a guest.
 */
export async function createGuest(ctx: AppContext): Promise<{ guestId: number; token: string }> {
  const token = randomBytes(32).toString('base64url');
  // In a transaction, so that on SQLite it shares a grouped commit (one disk flush for many).
  const row = await ctx.database.transaction((tx) =>
    tx.db.insertInto('guests').values({ token_hash: hashGuestToken(token), created_at: iso(ctx.clock.now()) }).returning('id').executeTakeFirstOrThrow(),
  );
  return { guestId: row.id, token };
}

const guestByTokenHash = prepared<{ hash: string }>()((db, p) => db.selectFrom('guests').select('id').where('token_hash', '=', p.hash));

export async function getGuestIdByToken(db: Kysely<DB>, token: string): Promise<number | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const row = await guestByTokenHash.first(db, { hash: hashGuestToken(token) });
  return row?.id ?? null;
}
