import type { AppealStatus } from '../../db/schema/index.js';
import type { SiteView } from '../site.js';

/** What the author of a comment others do not see is told about it (features/moderation/own-comments.ts). */
export interface ModerationNoticeView {
  state: 'pending' | 'rejected' | 'removed' | 'shadow';
  /** Reasons for people: the rule or the policy point. */
  reasons: string[];
  note: string | null;
  appeal: AppealStatus | null;
  /** Where to appeal, when an appeal is possible. */
  appealHref: string | null;
}

/**
 * "Awaiting moderation", or a statement of reasons with how to appeal. Only on the author's own,
 * uncached page; a shadow-banned comment gets no notice at all (it looks published to them).
 */
export function ModerationNotice({ site, notice }: { site: SiteView; notice: ModerationNoticeView }) {
  const { t } = site.i18n;
  if (notice.state === 'shadow') return null;
  if (notice.state === 'pending') {
    return (
      <p class="comment-moderation comment-moderation-pending">
        <strong>{t('moderation.own.pending')}</strong> {t('moderation.own.pendingHint')}
      </p>
    );
  }
  return (
    <div class="comment-moderation comment-moderation-rejected">
      <p>
        <strong>{t(notice.state === 'removed' ? 'moderation.own.removed' : 'moderation.own.rejected')}</strong> {t('moderation.own.onlyYou')}
      </p>
      {notice.reasons.length > 0 && (
        <>
          <p>{t('moderation.own.why')}</p>
          <ul>
            {notice.reasons.map((r) => (
              <li>{r}</li>
            ))}
          </ul>
        </>
      )}
      {notice.note && <p>{t('moderation.own.note', { note: notice.note })}</p>}
      {notice.appeal === 'open' && <p>{t('moderation.own.appealOpen')}</p>}
      {notice.appeal === 'denied' && <p>{t('moderation.own.appealDenied')}</p>}
      {notice.appealHref && (
        <p>
          {t('moderation.own.appealHint')} <a href={notice.appealHref}>{t('moderation.own.appeal')}</a>
        </p>
      )}
    </div>
  );
}
