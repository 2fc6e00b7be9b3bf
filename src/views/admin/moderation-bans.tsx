import type { BanRow } from '../../features/moderation/queue-queries.js';
import { reasonText } from '../../features/moderation/reasons.js';
import { CsrfInput, FormMessage } from '../form-fields.js';
import type { SiteView } from '../site.js';
import { AdminLayout, type AdminLayoutProps } from './layout.js';
import { ModerationSubnav, PolicySelect } from './moderation-parts.js';

const kinds = ['user', 'guest', 'email', 'ip'] as const;

/** Bans in force, each with "Lift". `back`: the comment page to return to. */
export function BanList({ site, bans, csrfToken, back }: { site: SiteView; bans: BanRow[]; csrfToken: string | null; back?: number }) {
  const { t, dateTime } = site.i18n;
  const kind = (k: string) => kinds.find((x) => x === k) ?? 'ip';
  return (
    <div class="table-scroll">
      <table class="admin-table">
        <caption class="visually-hidden">{t('moderation.bans.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('moderation.bans.subject')}</th>
            <th scope="col">{t('moderation.bans.mode')}</th>
            <th scope="col">{t('moderation.bans.reason')}</th>
            <th scope="col">{t('moderation.bans.until')}</th>
            <th scope="col">{t('moderation.bans.by')}</th>
            <th scope="col">{t('moderation.bans.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {bans.map((b) => (
            <tr>
              <th scope="row">{t(`moderation.bans.kind.${kind(b.kind)}`, { subject: b.subject })}</th>
              <td>{b.mode === 'shadow' ? t('moderation.ban.mode.shadow') : t('moderation.ban.mode.ban')}</td>
              <td>
                {reasonText(site.i18n, b.reason)}
                {b.note ? ` — ${b.note}` : ''}
              </td>
              <td>{b.expiresAt ? <time dateTime={b.expiresAt}>{dateTime(b.expiresAt)}</time> : t('moderation.ban.forever')}</td>
              <td>{b.createdBy ?? '—'}</td>
              <td>
                <form method="post" action={`/admin/moderation/bans/${b.id}/lift`}>
                  <CsrfInput token={csrfToken} />
                  {back !== undefined && <input type="hidden" name="back" value={String(back)} />}
                  <button type="submit">{t('moderation.bans.lift')}</button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export interface ModerationBansProps {
  shell: Omit<AdminLayoutProps, 'title' | 'children'>;
  links: { log: boolean; settings: boolean };
  bans: BanRow[];
  notice: string | null;
  error: string | null;
  value: string;
}

/** /admin/moderation/bans: bans in force, and a form to ban an email address, a domain or an IP range. */
export function ModerationBansPage(props: ModerationBansProps) {
  const { site } = props.shell;
  const { t } = site.i18n;
  return (
    <AdminLayout {...props.shell} title={t('moderation.bans.title')}>
      <h1>{t('moderation.bans.title')}</h1>
      <ModerationSubnav site={site} current="bans" links={props.links} />
      <p class="lead">{t('moderation.bans.lead')}</p>
      <FormMessage message={props.notice} kind="info" />
      <FormMessage message={props.error} />
      {props.bans.length ? <BanList site={site} bans={props.bans} csrfToken={props.shell.csrfToken} /> : <p>{t('moderation.bans.none')}</p>}
      <section class="admin-section" aria-labelledby="b-add-heading">
        <h2 id="b-add-heading">{t('moderation.bans.add')}</h2>
        <form method="post" action="/admin/moderation/bans" class="admin-form">
          <CsrfInput token={props.shell.csrfToken} />
          <div class={props.error ? 'field field-invalid' : 'field'}>
            <label for="b-value">{t('moderation.bans.value')}</label>
            <input id="b-value" name="value" type="text" required maxLength={254} value={props.value} aria-invalid={props.error ? 'true' : undefined} />
          </div>
          <div class="field">
            <label for="b-mode">{t('moderation.detail.mode')}</label>
            <select id="b-mode" name="mode">
              <option value="ban">{t('moderation.ban.mode.ban')}</option>
              <option value="shadow">{t('moderation.ban.mode.shadow')}</option>
            </select>
          </div>
          <div class="field">
            <label for="b-days">{t('moderation.detail.period')}</label>
            <select id="b-days" name="days">
              {[1, 7, 30, 365].map((d) => (
                <option value={String(d)}>{t('moderation.ban.days', { count: d })}</option>
              ))}
              <option value="0" selected>
                {t('moderation.ban.forever')}
              </option>
            </select>
          </div>
          <div class="field">
            <label for="b-reason">{t('moderation.admin.reason')}</label>
            <PolicySelect site={site} id="b-reason" name="reason" value="spam" allowNone={false} />
          </div>
          <div class="field">
            <label for="b-note">{t('moderation.admin.note')}</label>
            <input id="b-note" name="note" type="text" maxLength={1000} value="" />
          </div>
          <p class="form-actions">
            <button type="submit">{t('moderation.detail.banSubmit')}</button>
          </p>
        </form>
      </section>
    </AdminLayout>
  );
}
