import { logActions } from '../../features/moderation/audit-log.js';
import type { LogRow } from '../../features/moderation/log-queries.js';
import { reasonText } from '../../features/moderation/reasons.js';
import type { MessageKey } from '../../i18n/index.js';
import type { SiteView } from '../site.js';
import { AdminLayout, type AdminLayoutProps } from './layout.js';
import { ModerationSubnav } from './moderation-parts.js';

const actionLabel = (site: SiteView, action: string) =>
  (logActions as readonly string[]).includes(action) ? site.i18n.t(`moderation.log.action.${action}` as MessageKey) : action;

/** Log entries as a table: when, who, what, about what, why. */
export function LogTable({ site, rows }: { site: SiteView; rows: LogRow[] }) {
  const { t, dateTime } = site.i18n;
  if (!rows.length) return <p>{t('moderation.log.empty')}</p>;
  return (
    <div class="table-scroll">
      <table class="admin-table moderation-log">
        <caption class="visually-hidden">{t('moderation.log.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('moderation.log.when')}</th>
            <th scope="col">{t('moderation.log.actor')}</th>
            <th scope="col">{t('moderation.log.action')}</th>
            <th scope="col">{t('moderation.log.subject')}</th>
            <th scope="col">{t('moderation.log.reason')}</th>
            <th scope="col">{t('moderation.log.note')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <td>
                <time dateTime={r.createdAt}>{dateTime(r.createdAt)}</time>
              </td>
              <td>{r.actorId !== null ? r.actorName : r.action === 'appeal' ? t('moderation.log.author') : t('moderation.log.system')}</td>
              <td>{actionLabel(site, r.action)}</td>
              <td>
                {r.commentId !== null && <a href={`/admin/moderation?comment=${r.commentId}`}>{t('moderation.log.commentRef', { id: r.commentId })}</a>}
                {r.commentId !== null && r.subject ? ' · ' : ''}
                {r.subject}
              </td>
              <td>{r.reason ? reasonText(site.i18n, r.reason) : ''}</td>
              <td dir="auto">{r.note ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export interface ModerationLogProps {
  shell: Omit<AdminLayoutProps, 'title' | 'children'>;
  links: { log: boolean; settings: boolean };
  rows: LogRow[];
  actors: Array<{ id: number; name: string }>;
  filter: { actor: string; action: string; from: string; to: string; comment: string };
  /** The link to the next (older) page, if any. */
  next: string | null;
}

/** /admin/moderation/log: every moderation decision, newest first, filtered by who, what, when, which comment. */
export function ModerationLogPage(props: ModerationLogProps) {
  const { site } = props.shell;
  const { t } = site.i18n;
  const f = props.filter;
  return (
    <AdminLayout {...props.shell} title={t('moderation.log.title')}>
      <h1>{t('moderation.log.title')}</h1>
      <ModerationSubnav site={site} current="log" links={props.links} />
      <form method="get" action="/admin/moderation/log" class="admin-filters" aria-label={t('moderation.log.filter')}>
        <div class="field">
          <label for="l-actor">{t('moderation.log.actor')}</label>
          <select id="l-actor" name="actor">
            <option value="">{t('moderation.log.any')}</option>
            <option value="system" selected={f.actor === 'system'}>
              {t('moderation.log.system')}
            </option>
            {props.actors.map((a) => (
              <option value={String(a.id)} selected={f.actor === String(a.id)}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="l-action">{t('moderation.log.action')}</label>
          <select id="l-action" name="action">
            <option value="">{t('moderation.log.any')}</option>
            {logActions.map((a) => (
              <option value={a} selected={f.action === a}>
                {actionLabel(site, a)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="l-from">{t('moderation.log.from')}</label>
          <input id="l-from" name="from" type="date" value={f.from} />
        </div>
        <div class="field">
          <label for="l-to">{t('moderation.log.to')}</label>
          <input id="l-to" name="to" type="date" value={f.to} />
        </div>
        <div class="field">
          <label for="l-comment">{t('moderation.log.comment')}</label>
          <input id="l-comment" name="comment" type="text" inputMode="numeric" pattern="[0-9]*" maxLength={12} value={f.comment} />
        </div>
        <div class="form-actions">
          <button type="submit">{t('moderation.log.show')}</button>
        </div>
      </form>
      <LogTable site={site} rows={props.rows} />
      {props.next && (
        <nav class="pager" aria-label={t('pager.label')}>
          <a href={props.next} rel="next">
            {t('pager.older')}
          </a>
        </nav>
      )}
    </AdminLayout>
  );
}
