import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import type { Role } from '../../db/schema/index.js';
import { changeUserRole, setUserSuspended } from '../../features/accounts/change-user.js';
import { roles } from '../../features/accounts/create-user.js';
import { AccountError } from '../../features/accounts/errors.js';
import { invitableRoles, inviteUser } from '../../features/accounts/invite-user.js';
import { listUsers } from '../../features/accounts/list-users.js';
import { can } from '../../features/accounts/policy.js';
import { UsersPage, type UsersPageProps } from '../../views/admin/users.js';
import { renderDocument } from '../../views/render.js';
import { sendHtml } from '../account-pages.js';
import { actorOf, adminWriteLimit, formBody, IdParams, seeOther, text } from '../admin/forms.js';
import { adminShell } from '../admin/screens.js';
import { pageCount } from '../paging.js';

const PER_PAGE = 50;
const ListQuery = Type.Object({
  who: Type.Optional(Type.Union([Type.Literal('staff'), Type.Literal('readers')])),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  invited: Type.Optional(Type.String({ maxLength: 254 })),
  changed: Type.Optional(Type.String({ maxLength: 1 })),
});
const InviteBody = Type.Object({ _csrf: text(200), email: text(400), name: text(400), role: text(20) });
const RoleBody = Type.Object({ _csrf: text(200), role: text(20) });
const CsrfOnly = Type.Object({ _csrf: text(200) });

/** /admin/users: staff and readers, invitations, roles and suspensions (owner and admins). */
export function adminUserRoutes(app: FastifyInstance, ctx: AppContext): void {
  const limit = adminWriteLimit(app, ctx, 'users', 120);
  const t: AppContext['site']['i18n']['t'] = (key, params) => ctx.site.i18n.t(key, params);

  async function screen(request: FastifyRequest, reply: FastifyReply, options: { who?: 'staff' | 'readers'; page?: number; invite?: UsersPageProps['invite']; notice?: string | null; error?: string | null; status?: number }) {
    const actor = actorOf(request);
    const who = options.who ?? 'staff';
    const page = options.page ?? 1;
    const [shell, list] = await Promise.all([adminShell(ctx, request), listUsers(ctx.database.db, { who }, { limit: PER_PAGE, offset: (page - 1) * PER_PAGE })]);
    const pages = pageCount(list.total, PER_PAGE, page, ctx.site.i18n);
    const view = UsersPage({
      shell,
      who,
      items: list.items.map((u) => ({ ...u, self: u.id === actor.id, editable: can(actor, 'user.edit', { id: u.id, role: u.role }) })),
      total: list.total,
      page,
      pages,
      invitable: invitableRoles.filter((role) => can(actor, 'user.invite', { role })),
      assignable: roles.filter((role) => role !== 'owner'),
      invite: options.invite ?? null,
      notice: options.notice,
      error: options.error,
    });
    return sendHtml(reply, options.status ?? 200, renderDocument(view));
  }

  /** A refused change: the list again with the reason, and the status that says why. */
  async function refused(request: FastifyRequest, reply: FastifyReply, error: unknown) {
    if (!(error instanceof AccountError) || error.code === 'account_not_found') throw error;
    const status = error.code === 'account_forbidden' ? 403 : error.code === 'account_last_owner' ? 409 : 422;
    return screen(request, reply, { error: error.message, status });
  }

  app.get('/admin/users', { config: { auth: 'user.list' }, schema: { querystring: ListQuery } }, async (request, reply) => {
    const q = request.query as Static<typeof ListQuery>;
    const notice = q.invited ? t('admin.users.invitedNotice', { email: q.invited }) : q.changed ? t('admin.users.changed') : null;
    return screen(request, reply, { who: q.who, page: q.page, notice });
  });

  app.post('/admin/users/invite', { config: { auth: 'user.list' } }, async (request, reply) => {
    await limit(request, reply);
    const body = formBody(InviteBody, request.body, ctx);
    const values = { email: body.email ?? '', name: body.name ?? '', role: body.role ?? '' };
    try {
      const invited = await inviteUser(ctx, { actor: actorOf(request), email: values.email, name: values.name, role: values.role as Role });
      return seeOther(reply, `/admin/users?invited=${encodeURIComponent(invited.email)}`);
    } catch (error) {
      if (!(error instanceof AccountError)) throw error;
      const status = error.code === 'account_forbidden' ? 403 : error.code === 'account_email_taken' ? 409 : 422;
      return screen(request, reply, { invite: { values, errors: error.fields, message: error.message }, status });
    }
  });

  app.post('/admin/users/:id/role', { config: { auth: 'user.list' }, schema: { params: IdParams } }, async (request, reply) => {
    await limit(request, reply);
    const { id } = request.params as Static<typeof IdParams>;
    const body = formBody(RoleBody, request.body, ctx);
    try {
      await changeUserRole(ctx, { actor: actorOf(request), userId: id, role: (body.role ?? '') as Role });
      return seeOther(reply, '/admin/users?changed=1');
    } catch (error) {
      return refused(request, reply, error);
    }
  });

  for (const [path, suspended] of [
    ['suspend', true],
    ['unsuspend', false],
  ] as const) {
    app.post(`/admin/users/:id/${path}`, { config: { auth: 'user.list' }, schema: { params: IdParams } }, async (request, reply) => {
      await limit(request, reply);
      const { id } = request.params as Static<typeof IdParams>;
      formBody(CsrfOnly, request.body, ctx);
      try {
        await setUserSuspended(ctx, { actor: actorOf(request), userId: id, suspended });
        return seeOther(reply, '/admin/users?changed=1');
      } catch (error) {
        return refused(request, reply, error);
      }
    });
  }
}
