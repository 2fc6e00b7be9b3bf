import type { AppContext } from '../../context.js';
import { iso } from '../../shared/clock.js';
import { type Actor, can } from '../accounts/policy.js';
import { ArticleError } from './errors.js';
import type { ArticleInput } from './save-article.js';

/**
 * Keep a copy of what the editor holds, without saving the article: one autosave per account and
 * article (or per account for an article not saved yet), replaced each time. The article itself,
 * its status and what readers see do not change; the editor offers the copy when it is opened again.
 */
export async function autosaveArticle(ctx: AppContext, input: { actor: Actor; articleId: number | null; fields: ArticleInput }): Promise<{ savedAt: string }> {
  const { t } = ctx.site.i18n;
  const { actor, articleId, fields } = input;
  if (fields.title.length > 300 || fields.bodyMarkdown.length > 500_000 || (fields.standfirst ?? '').length > 1000) {
    throw new ArticleError('article_invalid', t('admin.articles.error.autosaveTooLong'));
  }
  const savedAt = iso(ctx.clock.now());
  await ctx.database.transaction(async (tx) => {
    if (articleId === null) {
      if (!can(actor, 'article.create')) throw new ArticleError('article_forbidden', t('admin.articles.error.cannotCreate'));
    } else {
      const row = await tx.db.selectFrom('articles').select('status').where('id', '=', articleId).executeTakeFirst();
      if (!row) throw new ArticleError('article_not_found', t('error.notFoundArticle'));
      const authors = await tx.db.selectFrom('article_authors').select('user_id').where('article_id', '=', articleId).execute();
      if (!can(actor, 'article.edit', { authorIds: authors.map((a) => a.user_id), status: row.status })) {
        throw new ArticleError('article_forbidden', t('admin.articles.error.notYours'));
      }
    }
    let old = tx.db.deleteFrom('article_revisions').where('kind', '=', 'autosave').where('user_id', '=', actor.id);
    old = articleId === null ? old.where('article_id', 'is', null) : old.where('article_id', '=', articleId);
    await old.execute();
    await tx.db
      .insertInto('article_revisions')
      .values({ article_id: articleId, user_id: actor.id, kind: 'autosave', fields: JSON.stringify(fields), created_at: savedAt })
      .execute();
  });
  return { savedAt };
}

/** Forget this account's autosave of an article ("Discard"). */
export async function discardAutosave(ctx: AppContext, input: { actor: Actor; articleId: number | null }): Promise<void> {
  let q = ctx.database.db.deleteFrom('article_revisions').where('kind', '=', 'autosave').where('user_id', '=', input.actor.id);
  q = input.articleId === null ? q.where('article_id', 'is', null) : q.where('article_id', '=', input.articleId);
  await q.execute();
}
