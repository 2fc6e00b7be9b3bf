import type { AppContext } from '../../context.js';
import { iso } from '../../shared/clock.js';
import { needsFirstAdmin } from '../setup/is-empty.js';
import { insertUser, userInputProblems } from './create-user.js';
import { AccountError } from './errors.js';
import { issueLoginToken, loginLinkUrl } from './login-links.js';
import { hashPassword } from './passwords.js';
import { markLoginTokenUsed, type SessionUser } from './queries.js';
import { passwordProblem } from './set-password-with-link.js';
import { hashToken, isTokenShaped } from './tokens.js';
import { linkProblem } from './use-login-link.js';

/**
 * First run: when the site has no owner or admin, a one-time link (valid 24 hours) that lets
 * whoever holds it create the owner. `serve` prints it. Null once the site has its first admin.
 */
export async function issueSetupLink(ctx: AppContext): Promise<string | null> {
  if (!(await needsFirstAdmin(ctx))) return null;
  const { token } = await issueLoginToken(ctx.database.db, ctx.clock.now(), { purpose: 'setup', userId: null });
  return loginLinkUrl(ctx, 'setup', token);
}

export interface OwnerInput {
  token: string;
  email: string;
  name: string;
  password: string;
}

/**
 * Create the owner with a setup link. The link is used up in the owner's transaction, and every
 * other setup link dies with it; a site that already has an owner or admin refuses.
 */
export async function setUpOwner(ctx: AppContext, input: OwnerInput): Promise<SessionUser> {
  const { t } = ctx.site.i18n;
  const fields: Record<string, string> = {};
  const problems = userInputProblems({ email: input.email, name: input.name, role: 'owner' });
  if (problems.email) fields.email = t('accounts.setup.badEmail');
  if (!input.name.trim()) fields.name = t('accounts.setup.nameRequired');
  else if (problems.name) fields.name = t('accounts.setup.nameTooLong');
  const weak = passwordProblem(ctx, input.password);
  if (weak) fields.password = weak;
  if (Object.keys(fields).length) throw new AccountError('account_invalid', Object.values(fields).join(' '), fields);

  const passwordHash = await hashPassword(input.password);
  const now = ctx.clock.now();
  const owner = await ctx.database.transaction(async (tx) => {
    const staffed = await tx.db.selectFrom('users').select('id').where('role', 'in', ['owner', 'admin']).limit(1).executeTakeFirst();
    if (staffed) throw new AccountError('setup_done', t('accounts.setup.done'));
    const used = isTokenShaped(input.token) ? await markLoginTokenUsed(tx.db, hashToken(input.token), ['setup'], iso(now)) : undefined;
    if (!used) return null;
    const user = await insertUser(tx, now, { email: input.email, name: input.name, role: 'owner', passwordHash });
    await tx.db.deleteFrom('login_tokens').where('purpose', '=', 'setup').execute();
    return user;
  });
  if (!owner) throw await linkProblem(ctx, input.token, ['setup']);
  return { id: owner.id, name: input.name.trim(), email: owner.email, role: 'owner', status: 'active' };
}
