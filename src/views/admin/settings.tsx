import type { MediaItem } from '../../features/media/queries.js';
import { CsrfInput, Field, FormMessage } from '../form-fields.js';
import { AdminLayout, type AdminLayoutProps } from './layout.js';

/** The settings form's fields as typed. */
export interface SettingsValues {
  siteName: string;
  description: string;
  logoUrl: string;
  accentColor: string;
  locale: string;
  timeZone: string;
  commentGuestsAllowed: boolean;
  commentEditWindowMinutes: string;
  commentMaxDepth: string;
  commentsAutoCloseDays: string;
  fundingBarPlacement: string;
  /** Major units as typed; undefined when the form did not send them (then they are not shown changed). */
  donationMin?: string | undefined;
  donationMax?: string | undefined;
  /** "10, 25, 50". */
  donationPresets?: string | undefined;
  fundingOfflineInstructions?: string | undefined;
}

export interface SettingsPageProps {
  shell: Omit<AdminLayoutProps, 'title' | 'children'>;
  values: SettingsValues;
  errors: Record<string, string>;
  message?: string | null;
  notice?: string | null;
  /** The accent's contrast with white, when it is under 4.5:1 (a warning, not an error). */
  contrastWarning: string | null;
  timeZones: string[];
  locales: string[];
  media: MediaItem[];
  /** The currency donation amounts are typed in (the running campaign's). */
  donationCurrency: string;
}

/** A text input with its hint and error; `inputMode` picks the phone keyboard (decimal amounts). */
function TextField(props: { id: string; name: string; label: string; value: string; error?: string | undefined; hint?: string; inputMode?: 'decimal'; maxLength: number }) {
  const describedBy = [props.hint ? `${props.id}-hint` : '', props.error ? `${props.id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={props.error ? 'field field-invalid' : 'field'}>
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        name={props.name}
        type="text"
        inputMode={props.inputMode}
        value={props.value}
        maxLength={props.maxLength}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy}
      />
      {props.hint && (
        <p class="field-hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p class="field-error" id={`${props.id}-error`}>
          {props.error}
        </p>
      )}
    </div>
  );
}

function NumberField(props: { id: string; name: string; label: string; value: string; error?: string; hint?: string; min: number; max: number }) {
  const describedBy = [props.hint ? `${props.id}-hint` : '', props.error ? `${props.id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={props.error ? 'field field-invalid' : 'field'}>
      <label for={props.id}>{props.label}</label>
      <input id={props.id} name={props.name} type="number" inputMode="numeric" min={props.min} max={props.max} step={1} value={props.value} aria-describedby={describedBy} required />
      {props.hint && (
        <p class="field-hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p class="field-error" id={`${props.id}-error`}>
          {props.error}
        </p>
      )}
    </div>
  );
}

/** /admin/settings: the site, its look, language and time, the discussion's rules, the funding bar. */
export function SettingsPage(props: SettingsPageProps) {
  const { site } = props.shell;
  const { t } = site.i18n;
  const v = props.values;
  const e = props.errors;
  const pickedLogo = props.media.find((m) => m.url === v.logoUrl);
  return (
    <AdminLayout {...props.shell} title={t('admin.settings.title')}>
      <h1>{t('admin.settings.title')}</h1>
      <FormMessage message={props.notice} kind="info" />
      {props.contrastWarning && (
        <p class="form-message form-warning" role="status">
          {props.contrastWarning}
        </p>
      )}
      <FormMessage message={props.message} />
      <form method="post" action="/admin/settings" class="admin-form settings-form">
        <CsrfInput token={props.shell.csrfToken} />
        <fieldset class="editor-group">
          <legend>{t('admin.settings.site')}</legend>
          <Field id="s-name" name="siteName" label={t('admin.settings.name')} value={v.siteName} error={e.siteName} required maxLength={120} />
          <div class={e.description ? 'field field-invalid' : 'field'}>
            <label for="s-description">{t('admin.settings.description')}</label>
            <textarea id="s-description" name="description" rows={2} maxLength={500} aria-describedby={e.description ? 's-description-error' : undefined}>
              {v.description}
            </textarea>
            {e.description && (
              <p class="field-error" id="s-description-error">
                {e.description}
              </p>
            )}
          </div>
          <Field id="s-logo" name="logoUrl" label={t('admin.settings.logo')} value={pickedLogo ? '' : v.logoUrl} error={e.logoUrl} hint={t('admin.settings.logoHint')} maxLength={500} />
          {props.media.length > 0 && (
            <div class="field">
              <label for="s-logo-pick">{t('admin.settings.logoPick')}</label>
              <select id="s-logo-pick" name="logoPick">
                <option value="">{t('admin.settings.logoPickNone')}</option>
                {props.media.map((m) => (
                  <option value={m.url} selected={pickedLogo?.id === m.id}>
                    {m.alt ? `${m.alt} (${m.filename})` : m.filename}
                  </option>
                ))}
              </select>
            </div>
          )}
        </fieldset>
        <fieldset class="editor-group">
          <legend>{t('admin.settings.look')}</legend>
          <div class={e.accentColor ? 'field field-invalid' : 'field'}>
            <label for="s-accent">{t('admin.settings.accent')}</label>
            <span class="accent-input">
              <span class="swatch" style={`background:${/^#[0-9a-fA-F]{6}$/.test(v.accentColor) ? v.accentColor : 'transparent'}`} aria-hidden="true" />
              <input id="s-accent" name="accentColor" type="text" value={v.accentColor} maxLength={7} pattern="#([0-9a-fA-F]{3}){1,2}" required aria-describedby={`s-accent-hint${e.accentColor ? ' s-accent-error' : ''}`} />
            </span>
            <p class="field-hint" id="s-accent-hint">
              {t('admin.settings.accentHint')}
            </p>
            {e.accentColor && (
              <p class="field-error" id="s-accent-error">
                {e.accentColor}
              </p>
            )}
          </div>
        </fieldset>
        <fieldset class="editor-group">
          <legend>{t('admin.settings.languageTime')}</legend>
          <div class={e.locale ? 'field field-invalid' : 'field'}>
            <label for="s-locale">{t('admin.settings.locale')}</label>
            <input id="s-locale" name="locale" type="text" list="s-locales" value={v.locale} maxLength={35} required aria-describedby={`s-locale-hint${e.locale ? ' s-locale-error' : ''}`} />
            <datalist id="s-locales">
              {props.locales.map((l) => (
                <option value={l} />
              ))}
            </datalist>
            <p class="field-hint" id="s-locale-hint">
              {t('admin.settings.localeHint')}
            </p>
            {e.locale && (
              <p class="field-error" id="s-locale-error">
                {e.locale}
              </p>
            )}
          </div>
          <div class={e.timeZone ? 'field field-invalid' : 'field'}>
            <label for="s-zone">{t('admin.settings.timeZone')}</label>
            <select id="s-zone" name="timeZone" aria-describedby={e.timeZone ? 's-zone-error' : undefined}>
              {(props.timeZones.includes(v.timeZone) ? props.timeZones : [v.timeZone, ...props.timeZones]).map((z) => (
                <option value={z} selected={z === v.timeZone}>
                  {z}
                </option>
              ))}
            </select>
            {e.timeZone && (
              <p class="field-error" id="s-zone-error">
                {e.timeZone}
              </p>
            )}
          </div>
        </fieldset>
        <fieldset class="editor-group">
          <legend>{t('admin.settings.comments')}</legend>
          <div class="field-check">
            <label>
              <input type="checkbox" name="commentGuestsAllowed" value="1" checked={v.commentGuestsAllowed} /> {t('admin.settings.guests')}
            </label>
          </div>
          <NumberField id="s-edit" name="commentEditWindowMinutes" label={t('admin.settings.editWindow')} value={v.commentEditWindowMinutes} error={e.commentEditWindowMinutes} min={0} max={10080} hint={t('admin.settings.editWindowHint')} />
          <NumberField id="s-depth" name="commentMaxDepth" label={t('admin.settings.maxDepth')} value={v.commentMaxDepth} error={e.commentMaxDepth} min={1} max={20} hint={t('admin.settings.maxDepthHint')} />
          <NumberField id="s-close" name="commentsAutoCloseDays" label={t('admin.settings.autoClose')} value={v.commentsAutoCloseDays} error={e.commentsAutoCloseDays} min={0} max={36500} hint={t('admin.settings.autoCloseHint')} />
        </fieldset>
        <fieldset class="editor-group">
          <legend>{t('admin.settings.funding')}</legend>
          {(['header', 'article', 'off'] as const).map((p) => (
            <div class="field-check">
              <label>
                <input type="radio" name="fundingBarPlacement" value={p} checked={v.fundingBarPlacement === p} /> {t(`admin.settings.placement.${p}`)}
              </label>
            </div>
          ))}
          {e.fundingBarPlacement && <p class="field-error">{e.fundingBarPlacement}</p>}
        </fieldset>
        <fieldset class="editor-group">
          <legend>{t('admin.settings.donations')}</legend>
          <TextField id="s-donation-min" name="donationMin" label={t('admin.settings.donationMin')} value={v.donationMin ?? ''} error={e.donationMin} hint={t('admin.settings.donationAmountHint', { currency: props.donationCurrency })} inputMode="decimal" maxLength={20} />
          <TextField id="s-donation-max" name="donationMax" label={t('admin.settings.donationMax')} value={v.donationMax ?? ''} error={e.donationMax} hint={t('admin.settings.donationAmountHint', { currency: props.donationCurrency })} inputMode="decimal" maxLength={20} />
          <TextField id="s-presets" name="donationPresets" label={t('admin.settings.donationPresets')} value={v.donationPresets ?? ''} error={e.donationPresets} hint={t('admin.settings.donationPresetsHint', { currency: props.donationCurrency })} maxLength={200} />
          <div class={e.fundingOfflineInstructions ? 'field field-invalid' : 'field'}>
            <label for="s-offline">{t('admin.settings.offlineInstructions')}</label>
            <textarea
              id="s-offline"
              name="fundingOfflineInstructions"
              rows={4}
              maxLength={2000}
              aria-invalid={e.fundingOfflineInstructions ? 'true' : undefined}
              aria-describedby={`s-offline-hint${e.fundingOfflineInstructions ? ' s-offline-error' : ''}`}
            >
              {v.fundingOfflineInstructions ?? ''}
            </textarea>
            <p class="field-hint" id="s-offline-hint">
              {t('admin.settings.offlineInstructionsHint')}
            </p>
            {e.fundingOfflineInstructions && (
              <p class="field-error" id="s-offline-error">
                {e.fundingOfflineInstructions}
              </p>
            )}
          </div>
        </fieldset>
        <div class="form-actions">
          <button type="submit">{t('admin.settings.save')}</button>
        </div>
      </form>
    </AdminLayout>
  );
}
