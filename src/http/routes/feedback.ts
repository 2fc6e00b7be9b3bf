import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { renderToString } from 'preact-render-to-string';
import type { AppContext } from '../../context.js';
import type { ArticleFull } from '../../features/articles/queries.js';
import { defaultCommentSort } from '../../features/discussion/cursor.js';
import { isDiscussionOpen } from '../../features/discussion/policy.js';
import { choosePassage } from '../../features/feedback/choose-passage.js';
import { FeedbackError } from '../../features/feedback/errors.js';
import { getPassageThreads } from '../../features/feedback/list-passage-threads.js';
import type { PassageInput } from '../../features/feedback/resolve-passage.js';
import { type DiscussionView, emptyCommentForm } from '../../views/discussion/types.js';
import { FeedbackPage, PassagePage, PassageThreadsView } from '../../views/feedback/feedback-pages.js';
import type { PassageFormView } from '../../views/feedback/types.js';
import { renderDocument } from '../../views/render.js';
import { requireArticle, viewerFor } from '../article-page.js';
import { resolveIdentity } from '../identity.js';
import { isAnonymous, sendPage } from '../middleware/page-cache.js';
import { siteView } from '../site-view.js';

/** The passage fields of the comment form (all empty for an ordinary comment). */
export const PassageFormFields = {
  passage_start: Type.Optional(Type.String({ pattern: '^-?[0-9]{0,9}$' })),
  passage_end: Type.Optional(Type.String({ pattern: '^-?[0-9]{0,9}$' })),
  // No length limit here: resolvePassage refuses a quote too long with a message, and the form keeps the text.
  passage_exact: Type.Optional(Type.String()),
  passage_prefix: Type.Optional(Type.String({ maxLength: 400 })),
  passage_suffix: Type.Optional(Type.String({ maxLength: 400 })),
  passage_article: Type.Optional(Type.String({ pattern: '^[0-9]{0,12}$' })),
  passage_question: Type.Optional(Type.String({ maxLength: 400 })),
};
export type PassageFormBody = {
  [K in keyof typeof PassageFormFields]?: string;
};

/** What the form shows again after a refused post: the passage as it was sent. */
export function passageFormView(passage: PassageInput | null, question = ''): PassageFormView | null {
  if (!passage) return null;
  const { start = null, end = null, exact, prefix = '', suffix = '', articleId = null } = passage;
  return { start, end, exact, prefix, suffix, question, articleId };
}

/** The passage of a new comment in the JSON API. */
export const PassageBody = Type.Object(
  {
    exact: Type.String({
      maxLength: 20_000,
      description: 'TextQuoteSelector: the exact text',
    }),
    prefix: Type.Optional(
      Type.String({
        maxLength: 400,
        description: 'TextQuoteSelector: up to 32 characters before it',
      }),
    ),
    suffix: Type.Optional(
      Type.String({
        maxLength: 400,
        description: 'TextQuoteSelector: up to 32 characters after it',
      }),
    ),
    start: Type.Optional(
      Type.Integer({
        minimum: -1_000_000_000,
        maximum: 1_000_000_000,
        description: 'TextPositionSelector: start (UTF-16 code units)',
      }),
    ),
    end: Type.Optional(
      Type.Integer({
        minimum: -1_000_000_000,
        maximum: 1_000_000_000,
        description: 'TextPositionSelector: end (exclusive)',
      }),
    ),
    articleId: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 999_999_999_999,
        description: 'The article the text was selected in',
      }),
    ),
  },
  {
    description: "Inline feedback: the passage of the article's text this new comment is about (W3C Web Annotation selectors; docs/feedback.md)",
  },
);

const SlugParams = Type.Object({
  slug: Type.String({ minLength: 1, maxLength: 200 }),
});
const Id = Type.Integer({ minimum: 1, maximum: 999_999_999_999 });
const FeedbackQuery = Type.Object({
  p: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
  prompt: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
  passage: Type.Optional(Id),
});
const PassageQuery = Type.Object({
  partial: Type.Optional(Type.Unsafe<'1'>({ type: 'string', enum: ['1'] })),
});

/**
 * Inline feedback's pages, for readers without scripts (and the script's in-place view of a
 * passage): a passage quoted with the comment form, and one passage with its comments. Comments
 * are posted by the discussion's own form route (comments.ts), passage fields included.
 */
export function feedbackRoutes(app: FastifyInstance, ctx: AppContext): void {
  const isOpen = (article: ArticleFull) =>
    isDiscussionOpen(
      {
        comments_open: article.commentsOpen ? 1 : 0,
        published_at: article.publishedAt,
      },
      ctx.site.settings,
      ctx.clock.now(),
    );

  app.get('/articles/:slug/feedback', { schema: { params: SlugParams, querystring: FeedbackQuery } }, async (request, reply) => {
    const article = await requireArticle(ctx, (request.params as { slug: string }).slug);
    const query = request.query as {
      p?: number;
      prompt?: number;
      passage?: number;
    };
    let range: { start: number; end: number } | undefined;
    if (query.passage !== undefined) {
      const found = await getPassageThreads(ctx, article.id, query.passage);
      if (!found || found.passage.state !== 'anchored') throw new FeedbackError('passage_unknown', ctx.site.i18n.t('feedback.error.passageNotFound'));
      range = found.passage;
    }
    const { selector, question } = choosePassage(
      article.bodyHtml,
      {
        paragraph: query.p ?? (range || query.prompt !== undefined ? undefined : 0),
        prompt: query.prompt,
        range,
      },
      ctx.site.i18n,
    );
    const site = await siteView(ctx, request);
    const passage: PassageFormView = {
      ...selector.quote,
      ...selector.position,
      question,
      articleId: article.id,
    };
    const page = FeedbackPage({
      site,
      article,
      form: { ...emptyCommentForm(), passage },
      open: isOpen(article),
    });
    return sendPage(ctx, request, reply, {
      body: renderDocument(page),
      tags: ['articles', `article:${article.id}`],
    });
  });

  app.get(
    '/articles/:slug/passages/:id',
    {
      schema: {
        params: Type.Intersect([SlugParams, Type.Object({ id: Id })]),
        querystring: PassageQuery,
      },
    },
    async (request, reply) => {
      const { slug, id } = request.params as { slug: string; id: number };
      const article = await requireArticle(ctx, slug);
      const item = await getPassageThreads(ctx, article.id, id);
      if (!item) throw new FeedbackError('passage_unknown', ctx.site.i18n.t('feedback.error.passageNotFound'));
      const identity = isAnonymous(request) ? null : await resolveIdentity(ctx, request);
      const [site, viewer] = await Promise.all([siteView(ctx, request), identity ? viewerFor(ctx, article.id, identity) : Promise.resolve(null)]);
      const open = isOpen(article);
      const view: DiscussionView = {
        articleId: article.id,
        slug: article.slug,
        count: article.commentCount,
        open,
        sort: defaultCommentSort,
        mode: { kind: 'list', after: null, threads: [], next: null },
        form: emptyCommentForm(),
        viewer: viewer && !open ? { ...viewer, editable: new Set() } : viewer,
      };
      const partial = (request.query as { partial?: string }).partial === '1';
      const body = partial
        ? renderToString(PassageThreadsView({ site, view, item, compact: true }))
        : renderDocument(PassagePage({ site, article, view, item }));
      return sendPage(ctx, request, reply, {
        body,
        tags: ['articles', `article:${article.id}`],
      });
    },
  );
}
