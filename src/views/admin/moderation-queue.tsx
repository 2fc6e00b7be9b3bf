import type { QueueItem, QueueTab } from '../../features/moderation/queue-queries.js';
import { CsrfInput, FormMessage } from '../form-fields.js';
import { AdminLayout, type AdminLayoutProps } from './layout.js';
import { ModerationItem } from './moderation-item.js';
import { ModerationSubnav, PolicySelect } from './moderation-parts.js';

export interface ModerationQueueProps {
  shell: Omit<AdminLayoutProps, 'title' | 'children'>;
  links: { log: boolean; settings: boolean };
  tab: QueueTab;
  tabs: readonly QueueTab[];
  counts: Record<QueueTab, number>;
  items: QueueItem[];
  page: number;
  hasMore: boolean;
  notice: string | null;
  error: string | null;
  decision: { reason: string; note: string };
}

const keys = ['j', 'k', 'a', 'r', 's', 'd', 'x', 'b'] as const;

/** /admin/moderation: the queue's tabs with counts, the comments of one, and what to do with them. */
export function ModerationQueuePage(props: ModerationQueueProps) {
  const { site } = props.shell;
  const { t, number } = site.i18n;
  const { tab } = props;
  const href = (q: { tab?: QueueTab; page?: number }) => {
    const params = new URLSearchParams();
    params.set('tab', q.tab ?? tab);
    if (q.page && q.page > 1) params.set('page', String(q.page));
    return `/admin/moderation?${params}`;
  };
  const bulk = tab !== 'appeals';
  return (
    <AdminLayout {...props.shell} title={t('moderation.admin.title')} scripts={['admin-moderation.js']}>
      <h1>{t('moderation.admin.title')}</h1>
      <ModerationSubnav site={site} current="queue" links={props.links} />
      <FormMessage message={props.notice} kind="info" />
      <FormMessage message={props.error} />
      <nav class="admin-tabs moderation-tabs" aria-label={t('moderation.admin.tabs')}>
        {props.tabs.map((name) => (
          <a href={href({ tab: name })} aria-current={name === tab ? 'page' : undefined}>
            {t(`moderation.tab.${name}`)} <span class="count">({number(props.counts[name])})</span>
          </a>
        ))}
      </nav>
      <details class="moderation-keys">
        <summary>{t('moderation.admin.shortcuts')}</summary>
        <dl>
          {keys.map((k) => (
            <div>
              <dt>
                <kbd>{k}</kbd>
              </dt>
              <dd>{t(`moderation.admin.key.${k}`)}</dd>
            </div>
          ))}
        </dl>
        <p class="muted">{t('moderation.admin.keysHint')}</p>
      </details>
      {props.items.length === 0 ? (
        <p class="moderation-empty" role="status">
          {t('moderation.admin.empty')}
        </p>
      ) : (
        <form method="post" action="/admin/moderation" class="admin-form moderation-queue" data-moderation-queue>
          <CsrfInput token={props.shell.csrfToken} />
          <input type="hidden" name="tab" value={tab} />
          <input type="hidden" name="page" value={String(props.page)} />
          <fieldset class="editor-group moderation-decision">
            <legend>{t('moderation.admin.decisionHint')}</legend>
            <div class="field">
              <label for="m-reason">{t('moderation.admin.reason')}</label>
              <PolicySelect site={site} id="m-reason" name="reason" value={props.decision.reason} allowNone />
            </div>
            <div class="field">
              <label for="m-note">{t('moderation.admin.note')}</label>
              <input id="m-note" name="note" type="text" maxLength={1000} value={props.decision.note} />
            </div>
            {bulk && (
              <div class="field moderation-bulk">
                <label for="m-bulk">{t('moderation.admin.bulk')}</label>
                <select id="m-bulk" name="bulk_action">
                  <option value="">{t('moderation.admin.choose')}</option>
                  {(['approve', 'reject', 'spam', 'delete'] as const).map((a) => (
                    <option value={a}>{t(`moderation.action.${a}`)}</option>
                  ))}
                </select>
                <button type="submit" name="apply" value="1">
                  {t('moderation.admin.apply')}
                </button>
              </div>
            )}
          </fieldset>
          <ol class="moderation-list" aria-label={t('moderation.admin.list')}>
            {props.items.map((item) => (
              <ModerationItem site={site} item={item} tab={tab} selectable={bulk} />
            ))}
          </ol>
        </form>
      )}
      {(props.page > 1 || props.hasMore) && (
        <nav class="pager" aria-label={t('pager.label')}>
          {props.page > 1 && (
            <a href={href({ page: props.page - 1 })} rel="prev">
              {t('pager.newer')}
            </a>
          )}{' '}
          {props.hasMore && (
            <a href={href({ page: props.page + 1 })} rel="next">
              {t('pager.older')}
            </a>
          )}
        </nav>
      )}
    </AdminLayout>
  );
}
