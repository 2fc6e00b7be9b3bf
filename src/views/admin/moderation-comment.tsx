import type { LogRow } from '../../features/moderation/log-queries.js';
import type { BanRow, QueueItem } from '../../features/moderation/queue-queries.js';
import { CsrfInput, FormMessage } from '../form-fields.js';
import { AdminLayout, type AdminLayoutProps } from './layout.js';
import { ModerationItem } from './moderation-item.js';
import { BanList } from './moderation-bans.js';
import { LogTable } from './moderation-log.js';
import { ModerationSubnav, PolicySelect } from './moderation-parts.js';

export interface ModerationCommentProps {
  shell: Omit<AdminLayoutProps, 'title' | 'children'>;
  links: { log: boolean; settings: boolean };
  item: QueueItem;
  notice: string | null;
  errors: Record<string, string>;
  body: string;
  /** Bans in force on this author, their email or their address. */
  bans: BanRow[];
  log: LogRow[];
}

const periods = [1, 7, 30, 365] as const;

/** One comment: decide on it, edit its text as a moderator, ban or shadow-ban its author, and its history. */
export function ModerationCommentPage(props: ModerationCommentProps) {
  const { site } = props.shell;
  const { t } = site.i18n;
  const { item } = props;
  const title = t('moderation.detail.title', { id: item.id });
  return (
    <AdminLayout {...props.shell} title={title} scripts={['admin-moderation.js']}>
      <h1>{title}</h1>
      <ModerationSubnav site={site} current="queue" links={props.links} />
      <p>
        <a href="/admin/moderation">{t('moderation.detail.back')}</a>
      </p>
      <FormMessage message={props.notice} kind="info" />
      <form method="post" action="/admin/moderation" class="admin-form moderation-queue" data-moderation-queue>
        <CsrfInput token={props.shell.csrfToken} />
        <input type="hidden" name="back" value={String(item.id)} />
        <fieldset class="editor-group moderation-decision">
          <legend>{t('moderation.admin.decisionHint')}</legend>
          <div class="field">
            <label for="m-reason">{t('moderation.admin.reason')}</label>
            <PolicySelect site={site} id="m-reason" name="reason" value="" allowNone />
          </div>
          <div class="field">
            <label for="m-note">{t('moderation.admin.note')}</label>
            <input id="m-note" name="note" type="text" maxLength={1000} value="" />
          </div>
        </fieldset>
        <ol class="moderation-list" aria-label={t('moderation.admin.list')}>
          <ModerationItem site={site} item={item} tab={item.appeal?.status === 'open' ? 'appeals' : 'pending'} selectable={false} />
        </ol>
      </form>

      <section class="admin-section" aria-labelledby="m-edit-heading">
        <h2 id="m-edit-heading">{t('moderation.detail.edit')}</h2>
        <form method="post" action={`/admin/moderation/comments/${item.id}/edit`} class="admin-form">
          <CsrfInput token={props.shell.csrfToken} />
          <div class={props.errors.body ? 'field field-invalid' : 'field'}>
            <label for="m-body">{t('moderation.detail.body')}</label>
            <textarea id="m-body" name="body" rows={6} required aria-invalid={props.errors.body ? 'true' : undefined} aria-describedby={props.errors.body ? 'm-body-error' : undefined}>
              {props.body}
            </textarea>
            {props.errors.body && (
              <p class="field-error" id="m-body-error">
                {props.errors.body}
              </p>
            )}
          </div>
          <div class="field">
            <label for="m-edit-note">{t('moderation.detail.editNote')}</label>
            <input id="m-edit-note" name="note" type="text" maxLength={1000} value="" />
          </div>
          <p class="form-actions">
            <button type="submit">{t('moderation.detail.save')}</button>
          </p>
        </form>
      </section>

      <section class="admin-section" aria-labelledby="m-ban-heading">
        <h2 id="m-ban-heading">{t('moderation.detail.ban')}</h2>
        {item.author ? (
          <form method="post" action={`/admin/moderation/comments/${item.id}/ban`} class="admin-form">
            <CsrfInput token={props.shell.csrfToken} />
            <fieldset class="editor-group">
              <legend>{t('moderation.detail.mode')}</legend>
              <p class="field-check">
                <input type="radio" id="m-mode-ban" name="mode" value="ban" checked /> <label for="m-mode-ban">{t('moderation.ban.mode.ban')}</label>
              </p>
              <p class="field-check">
                <input type="radio" id="m-mode-shadow" name="mode" value="shadow" /> <label for="m-mode-shadow">{t('moderation.ban.mode.shadow')}</label>
              </p>
            </fieldset>
            <div class="field">
              <label for="m-days">{t('moderation.detail.period')}</label>
              <select id="m-days" name="days">
                {periods.map((d) => (
                  <option value={String(d)} selected={d === 7}>
                    {t('moderation.ban.days', { count: d })}
                  </option>
                ))}
                <option value="0">{t('moderation.ban.forever')}</option>
              </select>
            </div>
            <div class="field">
              <label for="m-ban-reason">{t('moderation.admin.reason')}</label>
              <PolicySelect site={site} id="m-ban-reason" name="reason" value="abuse" allowNone={false} />
            </div>
            <div class="field">
              <label for="m-ban-note">{t('moderation.admin.note')}</label>
              <input id="m-ban-note" name="note" type="text" maxLength={1000} value="" />
            </div>
            {item.email && (
              <p class="field-check">
                <input type="checkbox" id="m-also-email" name="also_email" value="1" /> <label for="m-also-email">{t('moderation.detail.alsoEmail', { email: item.email })}</label>
              </p>
            )}
            {item.ip && (
              <p class="field-check">
                <input type="checkbox" id="m-also-ip" name="also_ip" value="1" /> <label for="m-also-ip">{t('moderation.detail.alsoIp', { ip: item.ip })}</label>
              </p>
            )}
            <p class="form-actions">
              <button type="submit">{t('moderation.detail.banSubmit')}</button>
            </p>
          </form>
        ) : (
          <p>{t('moderation.error.noAuthor')}</p>
        )}
        {props.bans.length > 0 && <BanList site={site} bans={props.bans} csrfToken={props.shell.csrfToken} back={item.id} />}
      </section>

      <section class="admin-section" aria-labelledby="m-log-heading">
        <h2 id="m-log-heading">{t('moderation.detail.log')}</h2>
        <LogTable site={site} rows={props.log} />
      </section>
    </AdminLayout>
  );
}
