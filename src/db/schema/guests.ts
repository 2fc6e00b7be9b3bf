import type { Generated } from 'kysely';

/** A reader without an account, known by a signed cookie holding a random token. */
export interface GuestsTable {
  id: Generated<number>;
  /** SHA-256 (hex) of the cookie's token. */
  token_hash: string;
  created_at: string;
}
