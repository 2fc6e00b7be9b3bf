import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import type { ArticleStatus } from '../../db/schema/index.js';
import { can } from '../../features/accounts/policy.js';
import { type EditorArticle, getArticleForEditor, listAllTags, listArticlesForAdmin, listBylineCandidates } from '../../features/articles/admin-queries.js';
import { ArticleError } from '../../features/articles/errors.js';
import { previewArticleBody } from '../../features/articles/preview-article.js';
import { revisionInput } from '../../features/articles/restore-revision.js';
import { getAutosave, listRevisions } from '../../features/articles/revisions.js';
import { saveArticle } from '../../features/articles/save-article.js';
import { getMedia, listMedia, mediaIdsIn } from '../../features/media/queries.js';
import { type EditorValues, ArticleEditorPage } from '../../views/admin/article-editor.js';
import { ArticlesPage } from '../../views/admin/articles.js';
import { renderDocument, trustSanitized } from '../../views/render.js';
import { sendHtml } from '../account-pages.js';
import { ArticleForm, type ArticleFormBody, formValues, inputToValues, valuesToInput } from '../admin/article-form.js';
import { actorOf, adminWriteLimit, formBody, IdParams, seeOther } from '../admin/forms.js';
import { adminShell } from '../admin/screens.js';
import { pageCount } from '../paging.js';

const PER_PAGE = 25;
const ListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  status: Type.Optional(Type.Union([Type.Literal(''), Type.Literal('draft'), Type.Literal('scheduled'), Type.Literal('published')])),
  author: Type.Optional(Type.Union([Type.Literal(''), Type.Integer({ minimum: 1 })])),
  tag: Type.Optional(Type.Union([Type.Literal(''), Type.Integer({ minimum: 1 })])),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
});
const EditorQuery = Type.Object({
  saved: Type.Optional(Type.String({ maxLength: 1 })),
  restored: Type.Optional(Type.String({ maxLength: 1 })),
  autosave: Type.Optional(Type.String({ maxLength: 1 })),
});

interface EditorState {
  article: EditorArticle | null;
  values: EditorValues;
  errors?: Record<string, string>;
  message?: string | null;
  notice?: string | null;
  preview?: string | null;
  /** Offer the autosaved copy (false while showing it, or right after a save). */
  offerAutosave?: boolean;
  status?: number;
}

/** /admin/articles: the list, the editor (new and existing) and its Save / Preview posts. */
export function adminArticleRoutes(app: FastifyInstance, ctx: AppContext): void {
  const limit = adminWriteLimit(app, ctx, 'articles', 600);
  const t: AppContext['site']['i18n']['t'] = (key, params) => ctx.site.i18n.t(key, params);

  async function editor(request: FastifyRequest, reply: FastifyReply, state: EditorState) {
    const actor = actorOf(request);
    const { db } = ctx.database;
    const a = state.article;
    const authorIds = a ? a.input.authorIds : [...new Set([actor.id, ...state.values.authorIds])];
    const [shell, candidates, media, autosave, revisions, preview] = await Promise.all([
      adminShell(ctx, request),
      listBylineCandidates(db, [...new Set([...state.values.authorIds, ...(a?.input.authorIds ?? [])])]),
      listMedia(db, { limit: 48, offset: 0 }),
      state.offerAutosave === false ? null : getAutosave(db, actor.id, a?.id ?? null),
      a ? listRevisions(db, a.id) : [],
      state.preview !== undefined ? state.preview : a ? (await previewArticleBody(ctx, a.input.bodyMarkdown)).html : null,
    ]);
    const offer = autosave && (!a || autosave.createdAt > a.updatedAt) ? { savedAt: autosave.createdAt, restoreHref: `${a ? `/admin/articles/${a.id}` : '/admin/articles/new'}?autosave=1` } : null;
    const body = ArticleEditorPage({
      shell,
      article: a ? { id: a.id, status: a.status, slug: a.slug, updatedAt: a.updatedAt } : null,
      values: state.values,
      errors: state.errors ?? {},
      message: state.message,
      notice: state.notice,
      preview: preview ? trustSanitized(preview) : null,
      candidates,
      media: media.items,
      canPublish: can(actor, 'article.publish', { authorIds, status: a?.status ?? 'draft' }),
      autosave: offer,
      revisionCount: revisions.length,
      timeZone: ctx.site.settings.timeZone,
    });
    return sendHtml(reply, state.status ?? 200, renderDocument(body));
  }

  /** The article the URL names, if this account may edit it (403 otherwise, 404 when there is none). */
  async function editable(request: FastifyRequest, id: number): Promise<EditorArticle> {
    const article = await getArticleForEditor(ctx.database.db, id);
    if (!article) throw new ArticleError('article_not_found', t('error.notFoundArticle'));
    if (!can(actorOf(request), 'article.edit', { authorIds: article.input.authorIds, status: article.status })) {
      throw new ArticleError('article_forbidden', t('admin.articles.error.notYours'));
    }
    return article;
  }

  /** Save or Preview, for a new (article null) or an existing article. */
  async function submit(request: FastifyRequest, reply: FastifyReply, article: EditorArticle | null) {
    await limit(request, reply);
    const body = formBody(ArticleForm, request.body, ctx) as ArticleFormBody;
    const actor = actorOf(request);
    const values = formValues(body);
    if (body.intent === 'preview') {
      const preview = await previewArticleBody(ctx, values.bodyMarkdown);
      return editor(request, reply, { article, values, preview: preview.html, notice: t('admin.editor.previewShown'), offerAutosave: false });
    }
    const { input, errors } = valuesToInput(values, ctx.site.settings.timeZone, t);
    // A cover picked from the library brings its description when none was typed.
    const pickedId = body.coverPick ? mediaIdsIn(body.coverPick)[0] : undefined;
    if (pickedId !== undefined && !input.coverAlt) {
      const picked = await getMedia(ctx.database.db, pickedId);
      if (picked && picked.url === body.coverPick) input.coverAlt = values.coverAlt = picked.alt;
    }
    try {
      if (Object.keys(errors).length) throw new ArticleError('article_invalid', t('admin.articles.error.invalid'), errors);
      const saved = await saveArticle(ctx, input, article?.id, { actor });
      return seeOther(reply, `/admin/articles/${saved.id}?saved=1`);
    } catch (error) {
      if (!(error instanceof ArticleError) || error.code === 'article_not_found') throw error;
      if (error.code === 'article_forbidden' && Object.keys(error.fields).length === 0) throw error;
      const status = error.code === 'article_slug_taken' ? 409 : error.code === 'article_forbidden' ? 403 : 422;
      return editor(request, reply, { article, values, errors: error.fields, message: error.message, status, offerAutosave: false, preview: null });
    }
  }

  app.get('/admin/articles', { config: { auth: 'article.list' }, schema: { querystring: ListQuery } }, async (request, reply) => {
    const q = request.query as Static<typeof ListQuery>;
    const actor = actorOf(request);
    const { db } = ctx.database;
    const page = q.page ?? 1;
    const filter = { status: (q.status || undefined) as ArticleStatus | undefined, authorId: q.author || undefined, tagId: q.tag || undefined, q: q.q };
    const [shell, list, authors, tags] = await Promise.all([
      adminShell(ctx, request),
      listArticlesForAdmin(db, filter, { limit: PER_PAGE, offset: (page - 1) * PER_PAGE }),
      listBylineCandidates(db),
      listAllTags(db),
    ]);
    const pages = pageCount(list.total, PER_PAGE, page, ctx.site.i18n);
    const items = list.items.map((item) => ({ ...item, editable: can(actor, 'article.edit', { authorIds: item.authors.map((x) => x.id), status: item.status }) }));
    const view = ArticlesPage({
      shell,
      filter: { status: q.status ?? '', author: q.author ? String(q.author) : '', tag: q.tag ? String(q.tag) : '', q: q.q ?? '' },
      items,
      total: list.total,
      page,
      pages,
      authors,
      tags,
      canCreate: can(actor, 'article.create'),
    });
    return sendHtml(reply, 200, renderDocument(view));
  });

  app.get('/admin/articles/new', { config: { auth: 'article.create' }, schema: { querystring: EditorQuery } }, async (request, reply) => {
    const q = request.query as Static<typeof EditorQuery>;
    const actor = actorOf(request);
    const blank: EditorValues = inputToValues({ title: '', bodyMarkdown: '', status: 'draft', authorIds: [actor.id], commentsOpen: true }, ctx.site.settings.timeZone);
    if (q.autosave) {
      const saved = await getAutosave(ctx.database.db, actor.id, null);
      if (saved) {
        const values = inputToValues(revisionInput(saved.fields), ctx.site.settings.timeZone);
        return editor(request, reply, { article: null, values, notice: t('admin.editor.autosaveRestored'), offerAutosave: false, preview: (await previewArticleBody(ctx, values.bodyMarkdown)).html });
      }
    }
    return editor(request, reply, { article: null, values: blank });
  });

  app.post('/admin/articles', { config: { auth: 'article.create' } }, async (request, reply) => submit(request, reply, null));

  app.get('/admin/articles/:id', { config: { auth: 'article.list' }, schema: { params: IdParams, querystring: EditorQuery } }, async (request, reply) => {
    const { id } = request.params as Static<typeof IdParams>;
    const q = request.query as Static<typeof EditorQuery>;
    const article = await editable(request, id);
    const notice = q.saved ? t('admin.editor.saved') : q.restored ? t('admin.revisions.restored') : null;
    if (q.autosave) {
      const saved = await getAutosave(ctx.database.db, actorOf(request).id, id);
      if (saved) {
        const values = inputToValues(revisionInput(saved.fields), ctx.site.settings.timeZone);
        return editor(request, reply, { article, values, notice: t('admin.editor.autosaveRestored'), offerAutosave: false, preview: (await previewArticleBody(ctx, values.bodyMarkdown)).html });
      }
    }
    return editor(request, reply, { article, values: inputToValues(article.input, ctx.site.settings.timeZone), notice, offerAutosave: !q.saved });
  });

  app.post('/admin/articles/:id', { config: { auth: 'article.list' }, schema: { params: IdParams } }, async (request, reply) => {
    const { id } = request.params as Static<typeof IdParams>;
    return submit(request, reply, await editable(request, id));
  });
}
