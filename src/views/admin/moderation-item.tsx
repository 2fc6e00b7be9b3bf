import type { QueueItem, QueueTab } from '../../features/moderation/queue-queries.js';
import { reasonText } from '../../features/moderation/reasons.js';
import { rawHtml, trustSanitized } from '../render.js';
import type { SiteView } from '../site.js';

/** The buttons of one comment; `data-key` is its keyboard shortcut (client/admin-moderation.ts). */
function Actions({ site, item, tab }: { site: SiteView; item: QueueItem; tab: QueueTab }) {
  const { t } = site.i18n;
  const button = (action: string, key: string, label: string) => (
    <button type="submit" name="single" value={`${action}:${item.id}`} data-key={key}>
      {label}
    </button>
  );
  if (tab === 'appeals') {
    return (
      <>
        {button('grant', 'a', t('moderation.action.grant'))}
        {button('deny', 'r', t('moderation.action.deny'))}
      </>
    );
  }
  return (
    <>
      {item.status !== 'published' && button('approve', 'a', t('moderation.action.approve'))}
      {item.status !== 'rejected' && button('reject', 'r', t('moderation.action.reject'))}
      {item.status !== 'spam' && button('spam', 's', t('moderation.action.spam'))}
      {item.status !== 'deleted' && button('delete', 'd', t('moderation.action.delete'))}
    </>
  );
}

/**
 * One comment in the queue: the article, the author with their history, the text, the rules or
 * reports that flagged it, an appeal, and the actions. Inside the queue's one form (bulk and single).
 */
export function ModerationItem({ site, item, tab, selectable }: { site: SiteView; item: QueueItem; tab: QueueTab; selectable: boolean }) {
  const { t, dateTime, date, number } = site.i18n;
  const flags = item.flags.filter((f) => f.action !== 'flag' || item.status !== 'published');
  return (
    <li class="moderation-item" id={`item-${item.id}`} data-id={item.id} tabIndex={-1}>
      <div class="moderation-item-head">
        {selectable && (
          <label class="moderation-select">
            <input type="checkbox" name="ids" value={String(item.id)} data-select />
            <span class="visually-hidden">{t('moderation.admin.select', { id: item.id })}</span>
          </label>
        )}
        <span class="comment-author">
          <bdi>{item.authorName}</bdi>
        </span>{' '}
        <span class="muted">
          ({item.author?.kind === 'user' ? t('moderation.admin.account') : t('moderation.admin.guest')}
          {item.author ? ` ${item.author.id}` : ''})
        </span>{' '}
        <span class={`status status-${item.status}`}>{t(`moderation.status.${item.status}`)}</span>
      </div>
      <p class="moderation-meta muted">
        <time dateTime={item.createdAt}>{dateTime(item.createdAt)}</time> ·{' '}
        <a href={`/articles/${item.articleSlug}`}>{t('moderation.admin.on', { title: item.articleTitle })}</a> ·{' '}
        {t('moderation.admin.history', {
          approved: number(item.history.approved),
          rejected: number(item.history.rejected),
          date: item.history.firstSeen ? date(item.history.firstSeen) : '—',
        })}
      </p>
      <div class="comment-body" dir="auto" {...rawHtml(trustSanitized(item.bodyHtml))} />
      {flags.length > 0 && (
        <div class="moderation-flags">
          <p>{t('moderation.admin.flags')}</p>
          <ul>
            {flags.map((f) => (
              <li>
                <code>{f.rule}</code> ({f.action}): {reasonText(site.i18n, f.reason)}
                {f.detail ? ` — ${f.detail}` : ''}
              </li>
            ))}
          </ul>
        </div>
      )}
      {item.reports.length > 0 && (
        <div class="moderation-reports">
          <p>{t('moderation.admin.reports')}</p>
          <ul>
            {item.reports.map((r) => (
              <li>
                {t(`moderation.reportReason.${r.reason}`)}
                {r.note ? `: ${r.note}` : ''}
              </li>
            ))}
          </ul>
        </div>
      )}
      {item.appeal && (
        <blockquote class="moderation-appeal">
          <p>{t('moderation.admin.appeal')}</p>
          <p dir="auto">{item.appeal.body}</p>
        </blockquote>
      )}
      {item.moderatedAt && item.moderatedBy && (
        <p class="muted">
          {t('moderation.admin.decidedBy', { name: item.moderatedBy, date: dateTime(item.moderatedAt) })}
          {item.moderationReason ? ` — ${reasonText(site.i18n, item.moderationReason)}` : ''}
        </p>
      )}
      <p class="row-actions">
        <Actions site={site} item={item} tab={tab} />
        <a href={`/admin/moderation?comment=${item.id}`}>{t('moderation.admin.details')}</a>
      </p>
    </li>
  );
}
