import type { ThreadNode } from '../../features/discussion/threads.js';
import { type DiscussionQuery, discussionHref } from '../../features/discussion/urls.js';
import { PassageQuote } from '../feedback/passage-quote.js';
import { rawHtml, trustSanitized } from '../render.js';
import type { SiteView } from '../site.js';
import { ModerationNotice } from './moderation-notice.js';
import type { DiscussionView } from './types.js';

interface ItemProps {
  site: SiteView;
  view: DiscussionView;
  node: ThreadNode;
  /** The address of the page being shown, where vote and delete forms come back to. */
  back: string;
  here: DiscussionQuery;
}

/** The score and the two vote buttons (also sent alone, as a fragment, after a vote by script). */
export function VoteForm({ site, view, node, back }: Omit<ItemProps, 'here'>) {
  const { t, number } = site.i18n;
  const c = node.comment;
  const vote = view.viewer?.votes.get(c.id);
  const pressed = (value: 1 | -1) => (view.viewer ? (vote === value ? 'true' : 'false') : undefined);
  // One's own comment cannot be voted on; only a personal (uncached) page knows which those are.
  const disabled = !view.open || (view.viewer?.mine.has(c.id) ?? false);
  return (
    <form class="comment-vote" method="post" action={`/comments/${c.id}/vote`}>
      <input type="hidden" name="back" value={back} />
      <button type="submit" name="vote" value="up" class="vote-up" aria-pressed={pressed(1)} disabled={disabled}>
        <span aria-hidden="true">▲</span>
        <span class="visually-hidden">{t('discussion.voteUp')}</span>
      </button>
      <span class="comment-score" data-score={c.score} title={t('discussion.votes', { up: number(c.upvotes), down: number(c.downvotes) })}>
        {number(c.score)}
        <span class="visually-hidden"> ({t('discussion.votes', { up: number(c.upvotes), down: number(c.downvotes) })})</span>
      </span>
      <button type="submit" name="vote" value="down" class="vote-down" aria-pressed={pressed(-1)} disabled={disabled}>
        <span aria-hidden="true">▼</span>
        <span class="visually-hidden">{t('discussion.voteDown')}</span>
      </button>
    </form>
  );
}

/**
 * The author's own "Edit" (within the edit window) and "Delete". Personal pages render them in
 * place; the shared page carries one copy in a <template> that scripts clone for the reader's
 * comments (see discussion-section.tsx and client/discussion.ts).
 */
export function OwnerControls({ site, id, back, editable }: { site: SiteView; id: number; back: string; editable: boolean }) {
  const { t } = site.i18n;
  return (
    <>
      {editable && (
        <a class="comment-edit" href={`/comments/${id}/edit`}>
          {t('discussion.edit')}
        </a>
      )}
      <form class="comment-delete" method="post" action={`/comments/${id}/delete`}>
        <input type="hidden" name="back" value={back} />
        <button type="submit">{t('discussion.delete')}</button>
      </form>
    </>
  );
}

/** One comment, its shown replies, and the link to the replies left out. */
export function CommentItem(props: ItemProps) {
  const { site, view, node, back, here } = props;
  const { t } = site.i18n;
  const c = node.comment;
  const notice = view.viewer?.moderation?.get(c.id);
  // Deleted, or removed by a moderator: a placeholder, unless it is the reader's own (they are told why).
  const deleted = !notice && c.status !== 'published';
  const held = notice !== undefined && notice.state !== 'shadow';
  const mine = view.viewer?.mine.has(c.id) ?? false;
  return (
    <li class="comment-thread">
      <article id={`comment-${c.id}`} class={`comment${deleted ? ' comment-deleted' : ''}${mine ? ' comment-mine' : ''}`} data-comment-id={c.id} data-parent-id={c.parentId ?? undefined} data-depth={c.depth}>
        {deleted ? (
          <p class="comment-placeholder">{t(c.status === 'deleted' ? 'discussion.deleted' : 'moderation.placeholder')}</p>
        ) : (
          <>
            <header class="comment-meta">
              <span class="comment-author">
                <bdi>{c.authorName}</bdi>
              </span>{' '}
              {c.replyToId !== null && c.replyToId !== c.parentId && (
                <>
                  <span class="comment-reply-to">
                    {t('discussion.inReplyTo')}{' '}
                    <a href={`#comment-${c.replyToId}`}>
                      <bdi>{c.replyToName ?? ''}</bdi>
                    </a>
                  </span>{' '}
                </>
              )}
              <a class="comment-permalink" href={`/articles/${view.slug}/comments/${c.id}`}>
                <time dateTime={c.createdAt}>{site.i18n.dateTime(c.createdAt)}</time>
              </a>
              {c.editedAt && <span class="comment-edited"> {t('discussion.edited')}</span>}
              {c.editedByModerator && <span class="comment-edited"> {t('moderation.editedByModerator')}</span>}
            </header>
            {notice && <ModerationNotice site={site} notice={notice} />}
            <PassageQuote site={site} passage={view.feedback?.byComment.get(c.id)} />
            <div class="comment-body" dir="auto" {...rawHtml(trustSanitized(c.bodyHtml))} />
            <footer class="comment-actions">
              {!held && <VoteForm {...props} />}
              {view.open && !held && (
                <a class="comment-reply" href={discussionHref(view.slug, { ...here, replyto: c.id }, 'comment-form')} data-reply-to={c.id}>
                  {t('discussion.reply')}
                </a>
              )}
              {mine && <OwnerControls site={site} id={c.id} back={back} editable={!held && (view.viewer?.editable.has(c.id) ?? false)} />}
              {!mine && (
                <a class="comment-report" href={`/comments/${c.id}/report`} rel="nofollow">
                  {t('moderation.report')}
                </a>
              )}
            </footer>
          </>
        )}
      </article>
      {node.replies.length > 0 && (
        <ol class="comment-replies">
          {node.replies.map((reply) => (
            <CommentItem {...props} node={reply} />
          ))}
        </ol>
      )}
      {node.hiddenReplies > 0 && (
        <p class="comment-more">
          <a href={discussionHref(view.slug, { sort: view.sort, thread: c.id }, `comment-${c.id}`)} data-more-replies={c.id}>
            {t('discussion.moreReplies', { count: node.hiddenReplies })}
          </a>
        </p>
      )}
    </li>
  );
}
