import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { can } from '../../features/accounts/policy.js';
import { getArticleForEditor } from '../../features/articles/admin-queries.js';
import { autosaveArticle, discardAutosave } from '../../features/articles/autosave-article.js';
import { ArticleError } from '../../features/articles/errors.js';
import { previewArticleBody } from '../../features/articles/preview-article.js';
import { restoreRevision } from '../../features/articles/restore-revision.js';
import { listRevisions } from '../../features/articles/revisions.js';
import { RevisionsPage } from '../../views/admin/revisions.js';
import { renderDocument } from '../../views/render.js';
import { sendHtml } from '../account-pages.js';
import { ArticleForm, type ArticleFormBody, formValues, isBlank, valuesToInput } from '../admin/article-form.js';
import { actorOf, adminWriteLimit, formBody, IdParams, seeOther, text } from '../admin/forms.js';
import { adminShell } from '../admin/screens.js';

const RestoreParams = Type.Object({ id: IdParams.properties.id, revision: IdParams.properties.id });
const PreviewBody = Type.Object({ _csrf: text(200), bodyMarkdown: text(500_000) });
const DiscardBody = Type.Object({ _csrf: text(200), id: Type.Optional(Type.String({ pattern: '^[0-9]{1,10}$' })) });

/** The editor's helpers (live preview, autosave) and an article's revisions with restore. */
export function adminRevisionRoutes(app: FastifyInstance, ctx: AppContext): void {
  // The editor posts a preview about once a second while typing and an autosave every ten seconds.
  const previewLimit = adminWriteLimit(app, ctx, 'preview', 1200);
  const autosaveLimit = adminWriteLimit(app, ctx, 'autosave', 600);
  const restoreLimit = adminWriteLimit(app, ctx, 'restore', 120);
  const t: AppContext['site']['i18n']['t'] = (key, params) => ctx.site.i18n.t(key, params);

  async function editableArticle(request: FastifyRequest, id: number) {
    const article = await getArticleForEditor(ctx.database.db, id);
    if (!article) throw new ArticleError('article_not_found', t('error.notFoundArticle'));
    if (!can(actorOf(request), 'article.edit', { authorIds: article.input.authorIds, status: article.status })) {
      throw new ArticleError('article_forbidden', t('admin.articles.error.notYours'));
    }
    return article;
  }

  // The live preview: the body rendered by the public page's renderer, as an HTML fragment.
  app.post('/admin/articles/preview', { config: { auth: 'article.create' } }, async (request, reply) => {
    await previewLimit(request, reply);
    const body = formBody(PreviewBody, request.body, ctx);
    const { html } = await previewArticleBody(ctx, body.bodyMarkdown ?? '');
    return reply.code(200).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
  });

  // Autosave: a copy of the form, stored apart from the article; it never changes what readers see.
  app.post('/admin/articles/autosave', { config: { auth: 'article.create' } }, async (request, reply) => {
    await autosaveLimit(request, reply);
    const body = formBody(ArticleForm, request.body, ctx) as ArticleFormBody;
    const values = formValues(body);
    reply.header('cache-control', 'no-store');
    if (isBlank(values)) return { savedAt: null, message: '' };
    const articleId = body.id && /^\d{1,10}$/.test(body.id) ? Number(body.id) : null;
    const { input } = valuesToInput(values, ctx.site.settings.timeZone, t);
    const { savedAt } = await autosaveArticle(ctx, { actor: actorOf(request), articleId, fields: input });
    return { savedAt, message: t('admin.editor.autosavedAt', { time: ctx.site.i18n.dateTime(savedAt) }) };
  });

  app.post('/admin/articles/autosave/discard', { config: { auth: 'article.create' } }, async (request, reply) => {
    await autosaveLimit(request, reply);
    const body = formBody(DiscardBody, request.body, ctx);
    const articleId = body.id ? Number(body.id) : null;
    await discardAutosave(ctx, { actor: actorOf(request), articleId });
    return seeOther(reply, articleId ? `/admin/articles/${articleId}` : '/admin/articles/new');
  });

  app.get('/admin/articles/:id/revisions', { config: { auth: 'article.list' }, schema: { params: IdParams } }, async (request, reply) => {
    const { id } = request.params as Static<typeof IdParams>;
    const article = await editableArticle(request, id);
    const [shell, revisions] = await Promise.all([adminShell(ctx, request), listRevisions(ctx.database.db, id)]);
    return sendHtml(reply, 200, renderDocument(RevisionsPage({ shell, article: { id, title: article.input.title }, revisions })));
  });

  app.post('/admin/articles/:id/revisions/:revision/restore', { config: { auth: 'article.list' }, schema: { params: RestoreParams } }, async (request, reply) => {
    await restoreLimit(request, reply);
    const { id, revision } = request.params as Static<typeof RestoreParams>;
    await restoreRevision(ctx, { actor: actorOf(request), articleId: id, revisionId: revision });
    return seeOther(reply, `/admin/articles/${id}?restored=1`);
  });
}
