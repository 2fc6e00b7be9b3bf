import type { Role } from '../../db/schema/index.js';
import type { UserRow } from '../../features/accounts/list-users.js';
import { Pager } from '../components.js';
import { CsrfInput, Field, FormMessage } from '../form-fields.js';
import { AdminLayout, type AdminLayoutProps } from './layout.js';

export interface UsersPageProps {
  shell: Omit<AdminLayoutProps, 'title' | 'children'>;
  who: 'staff' | 'readers';
  items: Array<UserRow & { editable: boolean; self: boolean }>;
  total: number;
  page: number;
  pages: number;
  /** Roles this account may invite with (empty: no invitation form). */
  invitable: Role[];
  /** Roles this account may give in the role change lists. */
  assignable: Role[];
  invite: { values: { email: string; name: string; role: string }; errors: Record<string, string>; message?: string | null } | null;
  notice?: string | null;
  error?: string | null;
}

/** /admin/users: staff (or readers), invite by email with a role, change roles, suspend. */
export function UsersPage(props: UsersPageProps) {
  const { site } = props.shell;
  const { t } = site.i18n;
  const inv = props.invite ?? { values: { email: '', name: '', role: 'author' }, errors: {}, message: null };
  const roleLabel = (role: Role) => t(`accounts.role.${role}`);
  return (
    <AdminLayout {...props.shell} title={t('admin.users.title')}>
      <h1>{t('admin.users.title')}</h1>
      <FormMessage message={props.notice} kind="info" />
      <FormMessage message={props.error} />
      {props.invitable.length > 0 && (
        <section aria-labelledby="invite-heading" class="admin-section">
          <h2 id="invite-heading">{t('admin.users.invite')}</h2>
          <form method="post" action="/admin/users/invite" class="admin-form admin-form-inline">
            <CsrfInput token={props.shell.csrfToken} />
            <FormMessage message={inv.message} />
            <Field id="u-email" name="email" type="email" label={t('accounts.field.email')} value={inv.values.email} error={inv.errors.email} required autocomplete="off" maxLength={254} />
            <Field id="u-name" name="name" label={t('accounts.field.name')} value={inv.values.name} error={inv.errors.name} maxLength={120} />
            <div class={inv.errors.role ? 'field field-invalid' : 'field'}>
              <label for="u-role">{t('accounts.field.role')}</label>
              <select id="u-role" name="role" aria-describedby={inv.errors.role ? 'u-role-error' : undefined}>
                {props.invitable.map((r) => (
                  <option value={r} selected={inv.values.role === r}>
                    {roleLabel(r)}
                  </option>
                ))}
              </select>
              {inv.errors.role && (
                <p class="field-error" id="u-role-error">
                  {inv.errors.role}
                </p>
              )}
            </div>
            <div class="form-actions">
              <button type="submit">{t('admin.users.send')}</button>
            </div>
          </form>
          <p class="field-hint">{t('admin.users.inviteHint')}</p>
        </section>
      )}
      <nav class="admin-tabs" aria-label={t('admin.users.who')}>
        <a href="/admin/users" aria-current={props.who === 'staff' ? 'page' : undefined}>
          {t('admin.users.staff')}
        </a>
        <a href="/admin/users?who=readers" aria-current={props.who === 'readers' ? 'page' : undefined}>
          {t('admin.users.readers')}
        </a>
      </nav>
      <p class="muted">{t('admin.users.count', { count: props.total })}</p>
      {props.items.length > 0 && (
        <div class="table-scroll">
          <table class="admin-table">
            <caption class="visually-hidden">{props.who === 'staff' ? t('admin.users.staff') : t('admin.users.readers')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('accounts.field.name')}</th>
                <th scope="col">{t('accounts.field.email')}</th>
                <th scope="col">{t('accounts.field.role')}</th>
                <th scope="col">{t('admin.users.status')}</th>
                <th scope="col">{t('admin.users.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {props.items.map((u) => (
                <tr>
                  <th scope="row">
                    {u.name}
                    {u.self && <span class="muted"> {t('admin.users.you')}</span>}
                  </th>
                  <td>{u.email}</td>
                  <td>{roleLabel(u.role)}</td>
                  <td>
                    <span class={`status status-${u.status}`}>{u.status === 'suspended' ? t('admin.users.suspended') : u.invited ? t('admin.users.invited') : t('admin.users.active')}</span>
                  </td>
                  <td>
                    {u.editable ? (
                      <div class="row-actions">
                        <form method="post" action={`/admin/users/${u.id}/role`} class="inline-form">
                          <CsrfInput token={props.shell.csrfToken} />
                          <label class="visually-hidden" for={`role-${u.id}`}>
                            {t('admin.users.roleOf', { name: u.name })}
                          </label>
                          <select id={`role-${u.id}`} name="role">
                            {[...new Set([u.role, ...props.assignable])].map((r) => (
                              <option value={r} selected={u.role === r}>
                                {roleLabel(r)}
                              </option>
                            ))}
                          </select>
                          <button type="submit" class="button-secondary">
                            {t('admin.users.changeRole')}
                          </button>
                        </form>
                        <form method="post" action={`/admin/users/${u.id}/${u.status === 'suspended' ? 'unsuspend' : 'suspend'}`} class="inline-form">
                          <CsrfInput token={props.shell.csrfToken} />
                          <button type="submit" class="button-secondary" aria-label={t(u.status === 'suspended' ? 'admin.users.unsuspendLabel' : 'admin.users.suspendLabel', { name: u.name })}>
                            {u.status === 'suspended' ? t('admin.users.unsuspend') : t('admin.users.suspend')}
                          </button>
                        </form>
                      </div>
                    ) : (
                      <span class="muted">{t('admin.users.locked')}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager site={site} page={props.page} pages={props.pages} href={(n) => `/admin/users?${props.who === 'readers' ? 'who=readers&' : ''}page=${n}`} />
    </AdminLayout>
  );
}
