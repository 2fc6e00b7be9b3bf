import { commentSorts } from '../../features/discussion/cursor.js';
import { type DiscussionQuery, discussionHref } from '../../features/discussion/urls.js';
import { FeedbackList, FeedbackTab } from '../feedback/feedback-tab.js';
import { FollowForm } from '../notifications/follow-form.js';
import type { SiteView } from '../site.js';
import { CommentForm } from './comment-form.js';
import { CommentItem, OwnerControls } from './comment-item.js';
import type { DiscussionView } from './types.js';

const sortLabel = { newest: 'discussion.sort.newest', oldest: 'discussion.sort.oldest', votes: 'discussion.sort.votes', best: 'discussion.sort.best' } as const;

/**
 * The discussion under an article: count, invitation, sort tabs, form, threads and paging. Every
 * control is a link or a form, so all of it works without scripts; scripts enhance it in place.
 */
export function DiscussionSection({ site, view }: { site: SiteView; view: DiscussionView }) {
  const { t } = site.i18n;
  const { mode } = view;
  const here: DiscussionQuery = mode.kind === 'list' ? { sort: view.sort, after: mode.after } : { sort: view.sort, thread: mode.threadId, after: mode.after };
  const back = discussionHref(view.slug, here);
  const firstPage = discussionHref(view.slug, { sort: view.sort }, 'comments');
  const itemProps = { site, view, back, here };
  return (
    <section
      id="comments"
      class="discussion"
      aria-labelledby="comments-heading"
      data-article-id={view.articleId}
      data-slug={view.slug}
      data-sort={view.sort}
      data-new-label={site.i18n.message('discussion.newComments')}
      data-votes-label={site.i18n.message('discussion.votes')}
    >
      <h2 id="comments-heading">{t('discussion.count', { count: view.count })}</h2>
      {view.open && (
        <aside class="discussion-invite" data-invite>
          <a href="#comment-form">{t('discussion.invite')}</a>
          <button type="button" class="discussion-invite-close" data-invite-close hidden aria-label={t('discussion.inviteClose')}>
            <span aria-hidden="true">×</span>
          </button>
        </aside>
      )}
      <nav class="discussion-sort" aria-label={t('discussion.sortLabel')}>
        <ul>
          {commentSorts.map((sort) => (
            <li>
              <a href={discussionHref(view.slug, { sort }, 'comments')} aria-current={sort === view.sort && !view.feedback?.active ? 'page' : undefined} data-sort={sort}>
                {t(sortLabel[sort])}
              </a>
            </li>
          ))}
          <FeedbackTab site={site} view={view} />
        </ul>
      </nav>
      <p class="discussion-view-all">
        {mode.kind === 'thread' && `${t('discussion.threadOnly')} `}
        <a href={firstPage}>{t('discussion.viewAll')}</a>
      </p>
      {!view.open && <p class="discussion-closed">{t('discussion.closed')}</p>}
      {/* A refused post comes back in the form even when the discussion has just closed, so the text is not lost. */}
      {(view.open || view.form.message) && <CommentForm site={site} slug={view.slug} form={view.form} here={here} />}
      {view.feedback?.active ? (
        <FeedbackList site={site} view={view} back={back} here={here} />
      ) : mode.kind === 'list' ? (
        mode.threads.length === 0 ? (
          <p class="discussion-empty">{t('discussion.empty')}</p>
        ) : (
          <ol class="comment-list">
            {mode.threads.map((node) => (
              <CommentItem {...itemProps} node={node} />
            ))}
          </ol>
        )
      ) : (
        <ol class="comment-list">
          <CommentItem {...itemProps} node={mode.thread} />
        </ol>
      )}
      {/* The author's controls, cloned by scripts onto the reader's own comments (the shared page cannot know them). */}
      <template data-owner-controls>
        <OwnerControls site={site} id={0} back={back} editable={view.open} />
      </template>
      {mode.next && !view.feedback?.active && (
        <p class="discussion-more">
          <a href={discussionHref(view.slug, { ...here, after: mode.next }, 'comments')} rel="next" data-load-more>
            {t('discussion.loadMore')}
          </a>
        </p>
      )}
      {/* "Follow this discussion", for readers who do not comment (views/notifications). */}
      {view.open && <FollowForm site={site} slug={view.slug} />}
    </section>
  );
}
