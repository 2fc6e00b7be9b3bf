import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import type { Role } from '../../db/schema/index.js';
import { iso } from '../../shared/clock.js';
import { roles } from './create-user.js';
import { AccountError } from './errors.js';
import { type Actor, can } from './policy.js';

async function loadTarget(ctx: AppContext, tx: Tx, userId: number) {
  const target = await tx.db.selectFrom('users').select(['id', 'role', 'status']).where('id', '=', userId).executeTakeFirst();
  if (!target) throw new AccountError('account_not_found', ctx.site.i18n.t('admin.users.error.notFound'));
  return target;
}

/** Refuse a change that would leave no active owner (the policy already keeps owners safe; this is the backstop). */
async function keepAnOwner(ctx: AppContext, tx: Tx, target: { id: number; role: Role }): Promise<void> {
  if (target.role !== 'owner') return;
  const others = await tx.db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'owner')
    .where('status', '=', 'active')
    .where('id', '!=', target.id)
    .executeTakeFirstOrThrow();
  if (Number(others.n) === 0) throw new AccountError('account_last_owner', ctx.site.i18n.t('admin.users.error.lastOwner'));
}

/** Give another account a new role, as the policy allows (`user.edit`; never to or from the last owner). */
export async function changeUserRole(ctx: AppContext, input: { actor: Actor; userId: number; role: Role }): Promise<void> {
  const { t } = ctx.site.i18n;
  if (!roles.includes(input.role)) throw new AccountError('account_invalid', t('admin.users.error.role'), { role: t('admin.users.error.role') });
  await ctx.database.transaction(async (tx) => {
    const target = await loadTarget(ctx, tx, input.userId);
    if (!can(input.actor, 'user.edit', { id: target.id, role: target.role, newRole: input.role })) throw new AccountError('account_forbidden', t('admin.users.error.forbidden'));
    if (target.role === input.role) return;
    await keepAnOwner(ctx, tx, target);
    await tx.db.updateTable('users').set({ role: input.role, updated_at: iso(ctx.clock.now()) }).where('id', '=', target.id).execute();
  });
}

/**
 * Suspend an account (it is signed out everywhere at once and can sign in no more) or lift the
 * suspension. Policy `user.edit`: an admin cannot touch the owner, nobody suspends themselves.
 */
export async function setUserSuspended(ctx: AppContext, input: { actor: Actor; userId: number; suspended: boolean }): Promise<void> {
  const { t } = ctx.site.i18n;
  await ctx.database.transaction(async (tx) => {
    const target = await loadTarget(ctx, tx, input.userId);
    if (!can(input.actor, 'user.edit', { id: target.id, role: target.role })) throw new AccountError('account_forbidden', t('admin.users.error.forbidden'));
    if (input.suspended) await keepAnOwner(ctx, tx, target);
    await tx.db
      .updateTable('users')
      .set({ status: input.suspended ? 'suspended' : 'active', updated_at: iso(ctx.clock.now()) })
      .where('id', '=', target.id)
      .execute();
    if (input.suspended) await tx.db.deleteFrom('sessions').where('user_id', '=', target.id).execute();
  });
}
