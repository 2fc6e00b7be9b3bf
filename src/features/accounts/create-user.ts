import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import type { Kysely } from 'kysely';
import type { DB, Role } from '../../db/schema/index.js';
import { iso } from '../../shared/clock.js';
import { slugify } from '../../shared/slug.js';
import { AccountError } from './errors.js';
import { hashPassword } from './passwords.js';

export const roles: readonly Role[] = ['owner', 'admin', 'editor', 'author', 'moderator', 'member'];

export interface UserInput {
  email: string;
  name?: string;
  role: Role;
  password?: string;
  bio?: string;
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Field problems of a new account, by field; empty when it is fine. */
export function userInputProblems(input: UserInput): Record<string, string> {
  const email = normaliseEmail(input.email);
  const fields: Record<string, string> = {};
  if (!emailPattern.test(email) || email.length > 254) fields.email = 'Enter a valid email address.';
  if (!roles.includes(input.role)) fields.role = `Role must be one of: ${roles.join(', ')}.`;
  if ((input.name ?? '').length > 120) fields.name = 'Use a name of at most 120 characters.';
  if (input.password !== undefined && input.password.length < 10) fields.password = 'Use a password of at least 10 characters.';
  if (input.password !== undefined && input.password.length > 256) fields.password = 'Use a password of at most 256 characters.';
  return fields;
}

/**
 * Insert a validated account inside the caller's transaction (the password already hashed).
 * For use cases that create an account as part of a larger write (first-run setup, invitations).
 */
export async function insertUser(
  tx: Tx,
  now: Date,
  input: { email: string; name?: string; role: Role; passwordHash: string | null; bio?: string },
): Promise<{ id: number; email: string; slug: string; role: Role }> {
  const email = normaliseEmail(input.email);
  const name = (input.name ?? '').trim() || email.split('@')[0] || 'Reader';
  const taken = await tx.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
  if (taken) throw new AccountError('account_email_taken', 'An account with this email already exists.', { email: 'This email is already in use.' });
  const base = slugify(name);
  let slug = base;
  for (let n = 2; await tx.db.selectFrom('users').select('id').where('slug', '=', slug).executeTakeFirst(); n++) slug = `${base}-${n}`;
  const row = await tx.db
    .insertInto('users')
    .values({ email, name, slug, bio: input.bio ?? '', role: input.role, password_hash: input.passwordHash, status: 'active', created_at: iso(now), updated_at: iso(now) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, email, slug, role: input.role };
}

export const ownerExistsMessage = 'This site has an owner already, and there is only one (docs/roles.md): create this account with --role admin instead.';

/**
 * Create an account. The password, when given, is stored only as an argon2id hash. A site has one
 * owner: asking for a second one is refused (`allowSecondOwner` is for test factories that build
 * states the product cannot reach, such as a database from before this rule).
 */
export async function createUser(ctx: AppContext, input: UserInput, options: { allowSecondOwner?: boolean } = {}): Promise<{ id: number; email: string; slug: string; role: Role }> {
  const fields = userInputProblems(input);
  if (Object.keys(fields).length) throw new AccountError('account_invalid', Object.values(fields).join(' '), fields);
  const ownerTaken = async (db: Kysely<DB>) => input.role === 'owner' && !options.allowSecondOwner && !!(await db.selectFrom('users').select('id').where('role', '=', 'owner').limit(1).executeTakeFirst());
  // Checked before hashing (a clear answer at once) and again in the transaction that inserts.
  if (await ownerTaken(ctx.database.db)) throw new AccountError('account_owner_exists', ownerExistsMessage);
  const passwordHash = input.password !== undefined ? await hashPassword(input.password) : null;
  return ctx.database.transaction(async (tx) => {
    if (await ownerTaken(tx.db)) throw new AccountError('account_owner_exists', ownerExistsMessage);
    return insertUser(tx, ctx.clock.now(), { ...input, passwordHash });
  });
}
