import type { VNode } from 'preact';
import type { ArticleFull } from '../../features/articles/queries.js';
import type { PassageThreads } from '../../features/feedback/list-passage-threads.js';
import { CommentForm } from '../discussion/comment-form.js';
import { CommentItem } from '../discussion/comment-item.js';
import type { CommentFormView, DiscussionView } from '../discussion/types.js';
import { Layout } from '../layout.js';
import { rawHtml, trustSanitized } from '../render.js';
import type { SiteView } from '../site.js';

/**
 * Without scripts, "Comment" after a paragraph (or an author's question) leads here: the passage
 * quoted, and the normal comment form carrying its selectors. Shared by everyone (cacheable).
 */
export function FeedbackPage({ site, article, form, open }: { site: SiteView; article: ArticleFull; form: CommentFormView; open: boolean }) {
  const { t } = site.i18n;
  return (
    <Layout site={site} title={t('feedback.page.title')} noindex>
      <header class="page-header">
        <h1>{t('feedback.page.title')}</h1>
        {/* A heading, so the form's own (h3) does not skip a level. */}
        <h2 class="lead">
          <a href={`/articles/${article.slug}`}>{t('feedback.page.from', { title: article.title })}</a>
        </h2>
      </header>
      <div class="feedback-page">
        {open ? (
          <CommentForm site={site} slug={article.slug} form={form} here={{}} />
        ) : (
          <>
            <blockquote class="passage-quote" dir="auto">
              {form.passage?.exact}
            </blockquote>
            <p class="discussion-closed">{t('discussion.closed')}</p>
          </>
        )}
        <p>
          <a href={`/articles/${article.slug}`}>{t('feedback.page.back')}</a>
        </p>
      </div>
    </Layout>
  );
}

/** One passage and its comments: the body of the passage page, and what the article's script shows in place (compact). */
export function PassageThreadsView({ site, view, item, compact }: { site: SiteView; view: DiscussionView; item: PassageThreads; compact: boolean }) {
  const { t } = site.i18n;
  const { passage } = item;
  const gone = passage.state === 'orphaned';
  const headingId = `passage-thread-${passage.id}${compact ? '-pop' : ''}`;
  const here = { sort: view.sort };
  return (
    <section
      class="passage-thread"
      aria-labelledby={headingId}
      data-passage={passage.id}
      data-start={gone ? undefined : passage.start}
      data-end={gone ? undefined : passage.end}
    >
      <h2 id={headingId} tabindex={compact ? -1 : undefined}>
        {t('feedback.passageCount', { count: passage.count })}
      </h2>
      {gone && <p>{t('feedback.passagePage.gone')}</p>}
      <blockquote class="passage-quote" dir="auto">
        {passage.text}
      </blockquote>
      {!gone && !compact && (
        <p>
          <a href={`/articles/${view.slug}#passage-${passage.id}`}>{t('feedback.passagePage.show')}</a>
        </p>
      )}
      {item.threads.length === 0 ? (
        <p class="discussion-empty">{t('feedback.passagePage.empty')}</p>
      ) : compact ? (
        <ol class="passage-comments">
          {item.threads.flatMap(function flat(node): VNode[] {
            const c = node.comment;
            return [
              <li class="passage-comment" data-depth={c.depth}>
                <p class="comment-meta">
                  <bdi class="comment-author">{c.authorName || t('discussion.deleted')}</bdi>{' '}
                  <a class="comment-permalink" href={`/articles/${view.slug}/comments/${c.id}`}>
                    <time dateTime={c.createdAt}>{site.i18n.dateTime(c.createdAt)}</time>
                  </a>
                </p>
                {c.bodyHtml && <div class="comment-body" dir="auto" {...rawHtml(trustSanitized(c.bodyHtml))} />}
              </li>,
              ...node.replies.flatMap(flat),
            ];
          })}
        </ol>
      ) : (
        <ol class="comment-list">
          {item.threads.map((node) => (
            <CommentItem site={site} view={view} node={node} back={`/articles/${view.slug}`} here={here} />
          ))}
        </ol>
      )}
      {view.open && !gone && (
        <p class="passage-thread-comment">
          <a href={`/articles/${view.slug}/feedback?passage=${passage.id}`} data-passage-comment>
            {t('feedback.commentPassage')}
          </a>
        </p>
      )}
    </section>
  );
}

/** The passage page: `/articles/:slug/passages/:id`, where a count in the article leads without scripts. */
export function PassagePage({ site, article, view, item }: { site: SiteView; article: ArticleFull; view: DiscussionView; item: PassageThreads }) {
  const { t } = site.i18n;
  return (
    <Layout site={site} title={t('feedback.passagePage.title')} noindex>
      <header class="page-header">
        <h1>{t('feedback.passagePage.title')}</h1>
        <p class="lead">
          <a href={`/articles/${article.slug}`}>{t('feedback.page.from', { title: article.title })}</a>
        </p>
      </header>
      <PassageThreadsView site={site} view={view} item={item} compact={false} />
    </Layout>
  );
}
