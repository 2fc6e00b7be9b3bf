import { Field, FormMessage } from '../form-fields.js';
import { Layout } from '../layout.js';
import type { SiteView } from '../site.js';

export interface SignInProps {
  site: SiteView;
  email: string;
  /** Where to go after signing in (a local path), carried through the form. */
  next: string | null;
  error?: string | null;
  fieldErrors?: { email?: string };
}

/**
 * One form for everyone: staff type a password and press "Sign in"; anyone may instead press
 * "Email me a sign-in link" (readers have no password, so that is how they sign in).
 */
export function SignInPage({ site, email, next, error, fieldErrors = {} }: SignInProps) {
  const { t } = site.i18n;
  return (
    <Layout site={site} title={t('accounts.signin.title')} noindex>
      <div class="auth">
        <h1>{t('accounts.signin.title')}</h1>
        <FormMessage message={error} />
        <form class="auth-form" method="post" action="/signin">
          {next && <input type="hidden" name="next" value={next} />}
          <Field id="signin-email" name="email" type="email" label={t('accounts.field.email')} value={email} autocomplete="username" required maxLength={254} error={fieldErrors.email} />
          <Field
            id="signin-password"
            name="password"
            type="password"
            label={t('accounts.field.password')}
            autocomplete="current-password"
            maxLength={256}
            hint={t('accounts.signin.passwordHint')}
          />
          <div class="form-actions">
            <button type="submit">{t('accounts.signin.button')}</button>
            <button type="submit" class="button-secondary" formAction="/signin/link" formNoValidate>
              {t('accounts.signin.linkButton')}
            </button>
          </div>
        </form>
        <p>
          <a href="/password/reset">{t('accounts.signin.forgot')}</a>
        </p>
      </div>
    </Layout>
  );
}

/** The page a sign-in link opens: one button that POSTs, so mail scanners that fetch links do not use it up. */
export function ConfirmLinkPage({ site, action, next, signup = false }: { site: SiteView; action: string; next: string | null; signup?: boolean }) {
  const { t } = site.i18n;
  const title = t(signup ? 'accounts.confirm.signupTitle' : 'accounts.confirm.title', { site: site.name });
  return (
    <Layout site={site} title={title} noindex>
      <div class="auth">
        <h1>{title}</h1>
        <p class="lead">{t(signup ? 'accounts.confirm.signupLead' : 'accounts.confirm.lead')}</p>
        <form class="auth-form" method="post" action={action}>
          {next && <input type="hidden" name="next" value={next} />}
          <div class="form-actions">
            <button type="submit">{t(signup ? 'accounts.confirm.signupButton' : 'accounts.signin.button')}</button>
          </div>
        </form>
      </div>
    </Layout>
  );
}

/** "Forgot your password?": asks for the email to send a reset link to. */
export function ResetRequestPage({ site, email, error }: { site: SiteView; email: string; error?: string }) {
  const { t } = site.i18n;
  return (
    <Layout site={site} title={t('accounts.reset.title')} noindex>
      <div class="auth">
        <h1>{t('accounts.reset.title')}</h1>
        <p class="lead">{t('accounts.reset.lead')}</p>
        <form class="auth-form" method="post" action="/password/reset">
          <Field id="reset-email" name="email" type="email" label={t('accounts.field.email')} value={email} autocomplete="username" required maxLength={254} error={error} />
          <div class="form-actions">
            <button type="submit">{t('accounts.reset.button')}</button>
          </div>
        </form>
      </div>
    </Layout>
  );
}

/** Choose a password, from a reset or an invitation link. */
export function NewPasswordPage({ site, action, purpose, error }: { site: SiteView; action: string; purpose: 'reset' | 'invite'; error?: string }) {
  const { t } = site.i18n;
  const title = purpose === 'invite' ? t('accounts.newPassword.inviteTitle') : t('accounts.newPassword.title');
  return (
    <Layout site={site} title={title} noindex>
      <div class="auth">
        <h1>{title}</h1>
        <form class="auth-form" method="post" action={action}>
          <Field
            id="new-password"
            name="password"
            type="password"
            label={t('accounts.field.newPassword')}
            autocomplete="new-password"
            required
            minLength={10}
            maxLength={256}
            hint={t('accounts.password.hint', { min: 10 })}
            error={error}
          />
          <div class="form-actions">
            <button type="submit">{t('accounts.newPassword.button')}</button>
          </div>
        </form>
      </div>
    </Layout>
  );
}

/** First run: create the owner account. */
export function SetupPage({
  site,
  action,
  values,
  errors = {},
}: {
  site: SiteView;
  action: string;
  values: { email: string; name: string };
  errors?: { email?: string; name?: string; password?: string; form?: string };
}) {
  const { t } = site.i18n;
  return (
    <Layout site={site} title={t('accounts.setup.title')} noindex>
      <div class="auth">
        <h1>{t('accounts.setup.title')}</h1>
        <p class="lead">{t('accounts.setup.lead')}</p>
        <FormMessage message={errors.form} />
        <form class="auth-form" method="post" action={action}>
          <Field id="setup-name" name="name" label={t('accounts.field.name')} value={values.name} autocomplete="name" required maxLength={120} error={errors.name} />
          <Field id="setup-email" name="email" type="email" label={t('accounts.field.email')} value={values.email} autocomplete="username" required maxLength={254} error={errors.email} />
          <Field
            id="setup-password"
            name="password"
            type="password"
            label={t('accounts.field.password')}
            autocomplete="new-password"
            required
            minLength={10}
            maxLength={256}
            hint={t('accounts.password.hint', { min: 10 })}
            error={errors.password}
          />
          <div class="form-actions">
            <button type="submit">{t('accounts.setup.button')}</button>
          </div>
        </form>
      </div>
    </Layout>
  );
}
