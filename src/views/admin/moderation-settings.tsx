import type { ComponentChildren } from 'preact';
import type { ModerationSettings } from '../../features/moderation/settings.js';
import type { RuleAction } from '../../features/moderation/verdict.js';
import type { MessageKey } from '../../i18n/index.js';
import { CsrfInput, FormMessage } from '../form-fields.js';
import type { SiteView } from '../site.js';
import { AdminLayout, type AdminLayoutProps } from './layout.js';
import { ModerationSubnav } from './moderation-parts.js';

export interface ModerationSettingsProps {
  shell: Omit<AdminLayoutProps, 'title' | 'children'>;
  links: { log: boolean; settings: boolean };
  settings: ModerationSettings;
  notice: string | null;
}

type RuleKey = 'closed' | 'bans' | 'bannedWords' | 'suspectWords' | 'links' | 'firstComment' | 'duplicate' | 'tooFast' | 'shouting' | 'repeatedCharacters' | 'honeypot';

function ActionSelect({ site, rule, value }: { site: SiteView; rule: RuleKey; value: RuleAction }) {
  const { t } = site.i18n;
  return (
    <div class="field">
      <label for={`ms-${rule}-action`}>{t('moderation.settings.action')}</label>
      <select id={`ms-${rule}-action`} name={`${rule}.action`}>
        {(['off', 'flag', 'hold', 'reject'] as const).map((a) => (
          <option value={a} selected={value === a}>
            {t(`moderation.settings.${a}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

function NumberInput({ site, name, label, value, min, max }: { site: SiteView; name: string; label: MessageKey; value: number; min: number; max: number }) {
  const id = `ms-${name.replace('.', '-')}`;
  return (
    <div class="field">
      <label for={id}>{site.i18n.t(label)}</label>
      <input id={id} name={name} type="number" inputMode="numeric" min={min} max={max} step={1} value={String(value)} required />
    </div>
  );
}

function Words({ site, name, label, words, hint }: { site: SiteView; name: string; label: MessageKey; words: string[]; hint: boolean }) {
  const id = `ms-${name.replace('.', '-')}`;
  return (
    <div class="field">
      <label for={id}>{site.i18n.t(label)}</label>
      <textarea id={id} name={name} rows={6} aria-describedby={hint ? `${id}-hint` : undefined}>
        {words.join('\n')}
      </textarea>
      {hint && (
        <p class="field-hint" id={`${id}-hint`}>
          {site.i18n.t('moderation.settings.wordsHint', { count: words.length })}
        </p>
      )}
    </div>
  );
}

/** /admin/moderation/settings: every rule of the pipeline, what it does and its limits (admins). */
export function ModerationSettingsPage(props: ModerationSettingsProps) {
  const { site } = props.shell;
  const { t } = site.i18n;
  const s = props.settings;
  const group = (rule: RuleKey, action: RuleAction, children?: ComponentChildren) => (
    <fieldset class="editor-group">
      <legend>{t(`moderation.rule.${rule}`)}</legend>
      <ActionSelect site={site} rule={rule} value={action} />
      {children}
    </fieldset>
  );
  return (
    <AdminLayout {...props.shell} title={t('moderation.settings.title')}>
      <h1>{t('moderation.settings.title')}</h1>
      <ModerationSubnav site={site} current="settings" links={props.links} />
      <p class="lead">{t('moderation.settings.lead')}</p>
      <FormMessage message={props.notice} kind="info" />
      <form method="post" action="/admin/moderation/settings" class="admin-form">
        <CsrfInput token={props.shell.csrfToken} />
        {group('closed', s.closed.action)}
        {group('bans', s.bans.action)}
        {group('bannedWords', s.bannedWords.action, <Words site={site} name="bannedWords.words" label="moderation.settings.words" words={s.bannedWords.words} hint />)}
        {group(
          'suspectWords',
          s.suspectWords.action,
          <>
            <Words site={site} name="suspectWords.words" label="moderation.settings.words" words={s.suspectWords.words} hint />
            <p class="field-check">
              <input type="checkbox" id="ms-dataset" name="suspectWords.dataset" value="1" checked={s.suspectWords.dataset} />{' '}
              <label for="ms-dataset">{t('moderation.settings.dataset')}</label>
            </p>
          </>,
        )}
        <fieldset class="editor-group">
          <legend>{t('moderation.settings.allowed')}</legend>
          <Words site={site} name="allowedWords" label="moderation.settings.allowed" words={s.allowedWords} hint={false} />
        </fieldset>
        {group('links', s.links.action, <NumberInput site={site} name="links.max" label="moderation.settings.max" value={s.links.max} min={0} max={100} />)}
        {group('firstComment', s.firstComment.action)}
        {group('duplicate', s.duplicate.action, <NumberInput site={site} name="duplicate.windowMinutes" label="moderation.settings.windowMinutes" value={s.duplicate.windowMinutes} min={1} max={10080} />)}
        {group('tooFast', s.tooFast.action, <NumberInput site={site} name="tooFast.seconds" label="moderation.settings.seconds" value={s.tooFast.seconds} min={1} max={3600} />)}
        {group(
          'shouting',
          s.shouting.action,
          <>
            <NumberInput site={site} name="shouting.minLetters" label="moderation.settings.minLetters" value={s.shouting.minLetters} min={1} max={10000} />
            <NumberInput site={site} name="shouting.percent" label="moderation.settings.percent" value={s.shouting.percent} min={1} max={100} />
          </>,
        )}
        {group('repeatedCharacters', s.repeatedCharacters.action, <NumberInput site={site} name="repeatedCharacters.run" label="moderation.settings.run" value={s.repeatedCharacters.run} min={3} max={1000} />)}
        {group('honeypot', s.honeypot.action)}
        <fieldset class="editor-group">
          <legend>{t('moderation.settings.spam')}</legend>
          <p class="field-hint">{t('moderation.settings.spamHint')}</p>
          <NumberInput site={site} name="spamScore.hold" label="moderation.settings.spamHold" value={s.spamScore.hold} min={0} max={1000} />
          <NumberInput site={site} name="spamScore.reject" label="moderation.settings.spamReject" value={s.spamScore.reject} min={0} max={1000} />
        </fieldset>
        <fieldset class="editor-group">
          <legend>{t('moderation.settings.reports')}</legend>
          <NumberInput site={site} name="reports.holdAt" label="moderation.settings.holdAt" value={s.reports.holdAt} min={0} max={1000} />
        </fieldset>
        <p class="form-actions">
          <button type="submit">{t('moderation.settings.save')}</button>
        </p>
      </form>
    </AdminLayout>
  );
}
