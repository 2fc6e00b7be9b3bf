import { CsrfInput, FormMessage } from '../form-fields.js';
import { Layout } from '../layout.js';
import type { SiteView } from '../site.js';

export interface AccountSessionView {
  id: string;
  /** "Firefox · Linux", or null when the browser is not recognised. */
  device: string | null;
  ip: string;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
}

export interface AccountPageProps {
  site: SiteView;
  user: { name: string; email: string; roleLabel: string };
  sessions: AccountSessionView[];
  csrfToken: string | null;
  notice?: string | null;
}

/** The profile: who you are signed in as, and every browser signed in to this account. */
export function AccountPage({ site, user, sessions, csrfToken, notice }: AccountPageProps) {
  const { t } = site.i18n;
  return (
    <Layout site={site} title={t('accounts.account.title')} noindex>
      <header class="page-header">
        <h1>{t('accounts.account.title')}</h1>
      </header>
      <FormMessage message={notice} kind="info" />
      <dl class="profile">
        <dt>{t('accounts.field.name')}</dt>
        <dd>{user.name}</dd>
        <dt>{t('accounts.field.email')}</dt>
        <dd>{user.email}</dd>
        <dt>{t('accounts.field.role')}</dt>
        <dd>{user.roleLabel}</dd>
      </dl>
      <p>
        <a href="/account/notifications">{t('notifications.manage.accountLink')}</a>
      </p>

      <section aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">{t('accounts.sessions.title')}</h2>
        <p>{t('accounts.sessions.lead')}</p>
        <table class="sessions">
          <thead>
            <tr>
              <th scope="col">{t('accounts.sessions.device')}</th>
              <th scope="col">{t('accounts.sessions.ip')}</th>
              <th scope="col">{t('accounts.sessions.signedIn')}</th>
              <th scope="col">{t('accounts.sessions.lastSeen')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('accounts.sessions.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr>
                <td>
                  {s.device ?? t('accounts.sessions.unknownDevice')}
                  {s.current && <strong class="badge"> {t('accounts.sessions.current')}</strong>}
                </td>
                <td>{s.ip}</td>
                <td>
                  <time dateTime={s.createdAt}>{site.i18n.dateTime(s.createdAt)}</time>
                </td>
                <td>
                  <time dateTime={s.lastSeenAt}>{site.i18n.dateTime(s.lastSeenAt)}</time>
                </td>
                <td>
                  <form method="post" action={`/account/sessions/${s.id}/revoke`}>
                    <CsrfInput token={csrfToken} />
                    <button type="submit" class="button-secondary">
                      {s.current ? t('accounts.signout') : t('accounts.sessions.revoke')}
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <form method="post" action="/account/sessions/revoke-all">
          <CsrfInput token={csrfToken} />
          <button type="submit">{t('accounts.sessions.revokeAll')}</button>
        </form>
      </section>
    </Layout>
  );
}
