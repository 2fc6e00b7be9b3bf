import { CsrfInput } from './form-fields.js';
import type { SiteView } from './site.js';

/** The header's sign-out button: a POST carrying the session's CSRF token. */
export function SignOutForm({ site, csrfToken }: { site: SiteView; csrfToken: string | null }) {
  return (
    <form method="post" action="/signout" class="signout-form">
      <CsrfInput token={csrfToken} />
      <button type="submit" class="button-link">
        {site.i18n.t('accounts.signout')}
      </button>
    </form>
  );
}

/**
 * "Sign in", or the signed-in account's name and "Sign out". A cached page is the same for
 * everyone, so it always shows "Sign in"; requests with a session bypass the cache and are
 * rendered with `site.viewer` set.
 */
export function AccountNav({ site }: { site: SiteView }) {
  const { t } = site.i18n;
  const viewer = site.viewer;
  return (
    <nav class="account-nav" aria-label={t('accounts.nav')}>
      {viewer ? (
        <>
          {viewer.staff && <a href="/admin">{t('admin.title')}</a>}
          <a href="/account">{viewer.name}</a>
          <SignOutForm site={site} csrfToken={viewer.csrfToken} />
        </>
      ) : (
        <a href="/signin">{t('accounts.signin.title')}</a>
      )}
    </nav>
  );
}
