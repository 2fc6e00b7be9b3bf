import type { DiscussionQuery } from '../../features/discussion/urls.js';
import type { PassageThreads } from '../../features/feedback/list-passage-threads.js';
import { CommentItem } from '../discussion/comment-item.js';
import type { DiscussionView } from '../discussion/types.js';
import type { SiteView } from '../site.js';
import { PassageQuote } from './passage-quote.js';

/** The address of the "Inline Feedbacks" tab (the sort is named so a reader's remembered sort does not replace it), or of a later page of it. */
export function feedbackTabHref(view: Pick<DiscussionView, 'slug' | 'sort'>, after?: string | null): string {
  return `/articles/${view.slug}?sort=${view.sort}&tab=feedback${after ? `&after=${encodeURIComponent(after)}` : ''}#comments`;
}

/** The "Inline Feedbacks" tab among the sort tabs, with its count. */
export function FeedbackTab({ site, view }: { site: SiteView; view: DiscussionView }) {
  const feedback = view.feedback;
  if (!feedback) return null;
  const { t, number } = site.i18n;
  return (
    <li>
      <a href={feedbackTabHref(view)} aria-current={feedback.active ? 'page' : undefined} aria-describedby="feedback-tab-count" data-feedback-tab>
        {t('feedback.tab')}
        <span class="discussion-tab-count" aria-hidden="true">
          {number(feedback.count)}
        </span>
      </a>
      <span id="feedback-tab-count" class="visually-hidden">
        {t('feedback.tabCount', { count: feedback.count })}
      </span>
    </li>
  );
}

function PassageGroup({ site, view, item, back, here }: { site: SiteView; view: DiscussionView; item: PassageThreads; back: string; here: DiscussionQuery }) {
  // The passage is quoted once, above its comments, not again beside each of them.
  const items = view.feedback ? { ...view, feedback: { ...view.feedback, byComment: new Map() } } : view;
  return (
    <li class="feedback-passage" data-passage={item.passage.id}>
      <PassageQuote site={site} passage={item.passage} />
      <ol class="comment-list">
        {item.threads.map((node) => (
          <CommentItem site={site} view={items} node={node} back={back} here={here} />
        ))}
      </ol>
    </li>
  );
}

/** The tab's content: every passage with its comments, then the passages no longer in the article. */
export function FeedbackList({ site, view, back, here }: { site: SiteView; view: DiscussionView; back: string; here: DiscussionQuery }) {
  const { t } = site.i18n;
  const list = view.feedback?.list;
  if (!list || (list.anchored.length === 0 && list.orphaned.length === 0)) return <p class="discussion-empty">{t('feedback.tabEmpty')}</p>;
  return (
    <div class="feedback-list">
      {list.anchored.length > 0 && (
        <ol class="feedback-passages">
          {list.anchored.map((item) => (
            <PassageGroup site={site} view={view} item={item} back={back} here={here} />
          ))}
        </ol>
      )}
      {list.orphaned.length > 0 && (
        <section class="feedback-orphaned" aria-labelledby="feedback-orphaned-heading">
          <h3 id="feedback-orphaned-heading">{t('feedback.orphaned')}</h3>
          <p class="muted">{t('feedback.orphanedNote')}</p>
          <ol class="feedback-passages">
            {list.orphaned.map((item) => (
              <PassageGroup site={site} view={view} item={item} back={back} here={here} />
            ))}
          </ol>
        </section>
      )}
      {/* The next page, as a plain link (it works without scripts; with them too, as a page load). */}
      {list.next && (
        <p class="discussion-more">
          <a href={feedbackTabHref(view, list.next)} rel="next" data-feedback-more>
            {t('discussion.loadMore')}
          </a>
        </p>
      )}
    </div>
  );
}
