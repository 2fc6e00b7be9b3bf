import type { SubscriptionListItem } from '../../features/notifications/queries.js';
import { CsrfInput, Field, FormMessage } from '../form-fields.js';
import { Layout } from '../layout.js';
import type { SiteView } from '../site.js';

export interface ManagePageProps {
  site: SiteView;
  address: string;
  subscriptions: SubscriptionListItem[];
  /** Where the row forms post: the token link's own URL, or /account/notifications. */
  action: string;
  csrfToken?: string | null;
  notice?: string | null;
  error?: string | null;
}

/** "Manage notifications": every subscription with its delivery, each changeable or removable. */
export function ManagePage({ site, address, subscriptions, action, csrfToken, notice, error }: ManagePageProps) {
  const { t } = site.i18n;
  return (
    <Layout site={site} title={t('notifications.manage.title')} noindex>
      <header class="page-header">
        <h1>{t('notifications.manage.title')}</h1>
        <p class="lead">{t('notifications.manage.lead', { email: address, site: site.name })}</p>
      </header>
      <FormMessage message={notice} kind="info" />
      <FormMessage message={error} />
      {subscriptions.length === 0 ? (
        <p>{t('notifications.manage.empty')}</p>
      ) : (
        <table class="subscriptions">
          <thead>
            <tr>
              <th scope="col">{t('notifications.manage.article')}</th>
              <th scope="col">{t('notifications.manage.what')}</th>
              <th scope="col">{t('notifications.manage.delivery')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('notifications.manage.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {subscriptions.map((s) => {
              const title = s.article?.title ?? t('notifications.manage.removedArticle');
              return (
                <tr id={`subscription-${s.id}`}>
                  <td>
                    {s.article ? <a href={`/articles/${s.article.slug}`}>{title}</a> : title}
                    {s.status === 'pending' && <span class="subscription-pending"> ({t('notifications.manage.pending')})</span>}
                  </td>
                  <td>{t(s.kind === 'replies' ? 'notifications.form.replies' : 'notifications.form.followUps')}</td>
                  <td>
                    <form method="post" action={action} class="inline-form">
                      <CsrfInput token={csrfToken} />
                      <input type="hidden" name="subscription" value={String(s.id)} />
                      <input type="hidden" name="action" value="delivery" />
                      <label class="visually-hidden" for={`delivery-${s.id}`}>
                        {t('notifications.manage.deliveryOf', { title })}
                      </label>
                      <select id={`delivery-${s.id}`} name="delivery">
                        <option value="immediate" selected={s.delivery === 'immediate'}>
                          {t('notifications.manage.immediate')}
                        </option>
                        <option value="digest" selected={s.delivery === 'digest'}>
                          {t('notifications.manage.digest')}
                        </option>
                      </select>{' '}
                      <button type="submit" class="button-secondary">
                        {t('notifications.manage.save')}
                        <span class="visually-hidden"> {title}</span>
                      </button>
                    </form>
                  </td>
                  <td>
                    <form method="post" action={action} class="inline-form">
                      <CsrfInput token={csrfToken} />
                      <input type="hidden" name="subscription" value={String(s.id)} />
                      <input type="hidden" name="action" value="remove" />
                      <button type="submit" class="button-secondary">
                        {t('notifications.manage.remove')}
                        <span class="visually-hidden"> {title}</span>
                      </button>
                    </form>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

/** "Email me a new link", shown where a manage link has expired. */
export function ManageLinkForm({ site, email, error }: { site: SiteView; email?: string; error?: string }) {
  const { t } = site.i18n;
  return (
    <form class="auth-form" method="post" action="/notifications/manage-link">
      <p>{t('notifications.manage.newLinkLead')}</p>
      <Field id="manage-link-email" name="email" type="email" label={t('notifications.manage.newLinkEmail')} value={email ?? ''} autocomplete="email" required maxLength={254} error={error} />
      <div class="form-actions">
        <button type="submit">{t('notifications.manage.newLink')}</button>
      </div>
    </form>
  );
}

/** A page with one button that does what a link in an email promised (GET never changes anything). */
export function TokenActionPage({ site, title, lead, action, button }: { site: SiteView; title: string; lead: string; action: string; button: string }) {
  return (
    <Layout site={site} title={title} noindex>
      <div class="auth">
        <h1>{title}</h1>
        <p class="lead">{lead}</p>
        <form class="auth-form" method="post" action={action}>
          <div class="form-actions">
            <button type="submit">{button}</button>
          </div>
        </form>
      </div>
    </Layout>
  );
}
