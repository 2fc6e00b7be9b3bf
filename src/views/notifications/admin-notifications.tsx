import type { NotificationHealth, NotificationIssue } from '../../features/notifications/notification-health.js';
import { AdminLayout, type AdminLayoutProps } from '../admin/layout.js';
import { CsrfInput, FormMessage } from '../form-fields.js';

const kindLabel = { send: 'notifications.admin.kind.send', confirm: 'notifications.admin.kind.confirm', 'manage-link': 'notifications.admin.kind.manageLink' } as const;

function IssueTable({ shell, issues, retry }: { shell: Omit<AdminLayoutProps, 'title' | 'children'>; issues: NotificationIssue[]; retry: boolean }) {
  const { t, dateTime, number } = shell.site.i18n;
  return (
    <div class="table-scroll">
      <table class="admin-table">
        <thead>
          <tr>
            <th scope="col">{t('notifications.admin.kind')}</th>
            <th scope="col">{t('notifications.admin.to')}</th>
            <th scope="col">{t('notifications.admin.attempts')}</th>
            <th scope="col">{t('notifications.admin.error')}</th>
            <th scope="col">{retry ? t('notifications.admin.when') : t('notifications.admin.nextTry')}</th>
            {retry && (
              <th scope="col">
                <span class="visually-hidden">{t('notifications.admin.actions')}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {issues.map((i) => (
            <tr>
              <td>{t(kindLabel[i.kind])}</td>
              <td>{i.to ?? '—'}</td>
              <td>
                {number(i.attempts)} / {number(i.maxAttempts)}
              </td>
              <td>
                <code>{i.error ?? ''}</code>
              </td>
              <td>
                <time dateTime={i.at}>{dateTime(i.at)}</time>
              </td>
              {retry && (
                <td>
                  <form method="post" action={`/admin/notifications/${i.jobId}/retry`}>
                    <CsrfInput token={shell.csrfToken} />
                    {i.subscriptionId !== null && <input type="hidden" name="subscription" value={String(i.subscriptionId)} />}
                    <button type="submit" class="button-secondary">
                      {t('notifications.admin.retry')}
                      <span class="visually-hidden"> {i.to ?? ''}</span>
                    </button>
                  </form>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** /admin/notifications: emails that failed for good (retry each) and those waiting for a retry. */
export function AdminNotificationsPage({ shell, health, notice }: { shell: Omit<AdminLayoutProps, 'title' | 'children'>; health: NotificationHealth; notice?: string | null }) {
  const { t } = shell.site.i18n;
  const { summary } = health;
  return (
    <AdminLayout {...shell} title={t('notifications.admin.title')}>
      <h1>{t('notifications.admin.title')}</h1>
      <p>{t('notifications.admin.lead')}</p>
      <p>{t('notifications.admin.summary', { active: summary.active, pending: summary.pending, sent: summary.sentLastDay })}</p>
      <FormMessage message={notice} kind="info" />
      <section aria-labelledby="failed-heading">
        <h2 id="failed-heading">{t('notifications.admin.failed')}</h2>
        {health.failed.length ? <IssueTable shell={shell} issues={health.failed} retry /> : <p>{t('notifications.admin.noneFailed')}</p>}
      </section>
      <section aria-labelledby="retrying-heading">
        <h2 id="retrying-heading">{t('notifications.admin.retrying')}</h2>
        {health.retrying.length ? <IssueTable shell={shell} issues={health.retrying} retry={false} /> : <p>{t('notifications.admin.noneRetrying')}</p>}
      </section>
    </AdminLayout>
  );
}
