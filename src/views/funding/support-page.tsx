import type { FundingProgress } from '../../features/funding/get-funding-progress.js';
import type { WallEntry } from '../../features/funding/queries.js';
import { currencyDigits } from '../../shared/money.js';
import { Layout } from '../layout.js';
import type { SiteView } from '../site.js';
import { DonorWall } from './donor-wall.js';
import { FundingBar } from './funding-bar.js';

/** What the donor typed, to show the form again with its errors. */
export interface SupportFormValues {
  preset?: string;
  amount?: string;
  frequency?: string;
  name?: string;
  public?: string;
  message?: string;
  email?: string;
}

export interface SupportPageProps {
  site: SiteView;
  progress: FundingProgress | null;
  wall: { entries: WallEntry[]; anonymous: number };
  /** Stripe is configured: show the form; otherwise how to give offline. */
  online: boolean;
  offlineInstructions: string;
  presetsMinor: number[];
  minMinor: number;
  maxMinor: number;
  values?: SupportFormValues;
  errors?: Record<string, string>;
  /** The form-level error message when re-rendered after a failed post. */
  error?: string;
}

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p class="field-error" id={id}>
      {message}
    </p>
  ) : null;
}

function GiftForm(props: SupportPageProps & { progress: FundingProgress }) {
  const { site, progress, values = {}, errors = {} } = props;
  const { t, money } = site.i18n;
  const step = (1 / 10 ** currencyDigits(progress.currency)).toString();
  const preset = values.preset ?? (values.amount ? '' : String(props.presetsMinor[1] ?? props.presetsMinor[0] ?? ''));
  const described = (name: string) => (errors[name] ? `error-${name}` : undefined);
  return (
    <form class="gift-form" method="post" action="/support">
      {props.error && (
        <p class="form-error" role="alert">
          {props.error}
        </p>
      )}
      <input type="hidden" name="currency" value={progress.currency} />
      <fieldset aria-describedby={described('amount')}>
        <legend>{t('funding.form.amount', { currency: progress.currency })}</legend>
        <div class="gift-presets">
          {props.presetsMinor.map((p) => (
            <label class="gift-preset">
              <input type="radio" name="preset" value={String(p)} checked={preset === String(p)} /> {money(p, progress.currency)}
            </label>
          ))}
        </div>
        <label class="gift-custom">
          {t('funding.form.other')}{' '}
          <input
            type="number"
            name="amount"
            inputMode="decimal"
            min={String(props.minMinor / 10 ** currencyDigits(progress.currency))}
            max={String(props.maxMinor / 10 ** currencyDigits(progress.currency))}
            step={step}
            value={values.amount ?? ''}
            aria-invalid={errors.amount ? 'true' : undefined}
          />
        </label>
        <p class="hint">{t('funding.form.range', { min: money(props.minMinor, progress.currency), max: money(props.maxMinor, progress.currency) })}</p>
        <FieldError id="error-amount" message={errors.amount ?? errors.currency} />
      </fieldset>
      <fieldset>
        <legend>{t('funding.form.frequency')}</legend>
        <label>
          <input type="radio" name="frequency" value="one_off" checked={values.frequency !== 'monthly'} /> {t('funding.form.oneOff')}
        </label>
        <label>
          <input type="radio" name="frequency" value="monthly" checked={values.frequency === 'monthly'} /> {t('funding.form.monthly')}
        </label>
      </fieldset>
      <div class="field">
        <label for="gift-email">{t('funding.form.email')}</label>
        <input id="gift-email" type="email" name="email" required autocomplete="email" value={values.email ?? ''} aria-describedby={described('email') ?? 'gift-email-hint'} aria-invalid={errors.email ? 'true' : undefined} />
        <span class="hint" id="gift-email-hint">
          {t('funding.form.emailHint')}
        </span>
        <FieldError id="error-email" message={errors.email} />
      </div>
      <div class="field">
        <label for="gift-name">{t('funding.form.name')}</label>
        <input id="gift-name" type="text" name="name" maxLength={80} autocomplete="name" value={values.name ?? ''} aria-describedby={described('name')} aria-invalid={errors.name ? 'true' : undefined} />
        <FieldError id="error-name" message={errors.name} />
      </div>
      <div class="field">
        <label>
          <input type="checkbox" name="public" value="1" checked={values.public === '1'} /> {t('funding.form.public')}
        </label>
      </div>
      <div class="field">
        <label for="gift-message">{t('funding.form.message')}</label>
        <textarea id="gift-message" name="message" maxLength={280} rows={3} aria-describedby={described('message') ?? 'gift-message-hint'}>
          {values.message ?? ''}
        </textarea>
        <span class="hint" id="gift-message-hint">
          {t('funding.form.messageHint', { max: 280 })}
        </span>
        <FieldError id="error-message" message={errors.message} />
      </div>
      <div class="gift-hp" aria-hidden="true">
        <label>
          {t('funding.form.honeypot')} <input type="text" name="website" tabIndex={-1} autocomplete="off" />
        </label>
      </div>
      <p>
        <button type="submit" class="button">
          {t('funding.form.submit')}
        </button>
      </p>
      <p class="hint">{t('funding.form.secure')}</p>
    </form>
  );
}

export function SupportPage(props: SupportPageProps) {
  const { site, progress } = props;
  const { t } = site.i18n;
  return (
    <Layout site={site} title={t('funding.cta', { site: site.name })} canonical={`${site.url}/support`} scripts={progress ? ['funding.js'] : []} noFundingBar>
      <div class="support">
        <h1>{t('funding.cta', { site: site.name })}</h1>
        <p class="lead">{t('funding.page.lead', { site: site.name })}</p>
        {progress ? <FundingBar site={site} progress={progress} variant="page" /> : <p>{t('funding.page.noCampaign')}</p>}
        {progress && props.online && <GiftForm {...props} progress={progress} />}
        {!props.online && (
          <section class="give-offline" aria-labelledby="give-offline-title">
            <h2 id="give-offline-title">{t('funding.offline.title')}</h2>
            <p>{t('funding.offline.lead')}</p>
            {props.offlineInstructions ? <p class="give-offline-details">{props.offlineInstructions}</p> : <p>{t('funding.offline.contact', { site: site.name })}</p>}
          </section>
        )}
        {progress && <DonorWall site={site} entries={props.wall.entries} anonymous={props.wall.anonymous} />}
      </div>
    </Layout>
  );
}

export function ThanksPage({ site, thankYou }: { site: SiteView; thankYou: string }) {
  const { t } = site.i18n;
  return (
    <Layout site={site} title={t('funding.thanks.title')} noindex>
      <div class="support">
        <h1>{t('funding.thanks.title')}</h1>
        {thankYou && <p class="lead thank-you">{thankYou}</p>}
        <p>{t('funding.thanks.pending')}</p>
        <p>
          <a href="/">{t('funding.thanks.back')}</a>
        </p>
      </div>
    </Layout>
  );
}
