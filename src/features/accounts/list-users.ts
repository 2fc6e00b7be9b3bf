import type { Kysely } from 'kysely';
import type { DB, Role } from '../../db/schema/index.js';

export interface UserRow {
  id: number;
  name: string;
  email: string;
  role: Role;
  status: 'active' | 'suspended';
  createdAt: string;
  /** No password yet and never signed in: an invitation not taken up. */
  invited: boolean;
}

const staffRoles: Role[] = ['owner', 'admin', 'editor', 'author', 'moderator'];

/** Accounts for the Users screen: staff (default) or readers, by role then name, one page. */
export async function listUsers(db: Kysely<DB>, filter: { who: 'staff' | 'readers' }, page: { limit: number; offset: number }): Promise<{ items: UserRow[]; total: number }> {
  const roles = filter.who === 'staff' ? staffRoles : (['member'] as Role[]);
  const [rows, count] = await Promise.all([
    db
      .selectFrom('users as u')
      .select([
        'u.id',
        'u.name',
        'u.email',
        'u.role',
        'u.status',
        'u.created_at',
        'u.password_hash',
        (eb) => eb.exists(eb.selectFrom('sessions as s').select('s.id').whereRef('s.user_id', '=', 'u.id')).as('has_session'),
      ])
      .where('u.role', 'in', roles)
      .orderBy('u.name')
      .orderBy('u.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).where('role', 'in', roles).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      role: r.role,
      status: r.status,
      createdAt: r.created_at,
      invited: r.password_hash === null && !r.has_session && r.role !== 'member',
    })),
  };
}
