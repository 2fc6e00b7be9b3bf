import type { AppContext } from '../../context.js';
import type { Actor } from '../accounts/policy.js';
import { getArticleForEditor } from './admin-queries.js';
import { ArticleError } from './errors.js';
import { getRevision } from './revisions.js';
import { type ArticleInput, saveArticle } from './save-article.js';

/** A revision's stored fields as editor input; anything missing or of the wrong type is left empty. */
export function revisionInput(fields: unknown): ArticleInput {
  const f = fields && typeof fields === 'object' ? (fields as Record<string, unknown>) : {};
  const str = (key: string) => (typeof f[key] === 'string' ? (f[key] as string) : '');
  const orNull = (key: string) => (typeof f[key] === 'string' && f[key] !== '' ? (f[key] as string) : null);
  const status = f.status === 'published' || f.status === 'scheduled' ? f.status : 'draft';
  return {
    title: str('title'),
    slug: str('slug'),
    standfirst: str('standfirst'),
    bodyMarkdown: str('bodyMarkdown'),
    status,
    publishedAt: orNull('publishedAt'),
    authorIds: Array.isArray(f.authorIds) ? f.authorIds.filter((id): id is number => Number.isInteger(id)) : [],
    tags: Array.isArray(f.tags) ? f.tags.filter((tag): tag is string => typeof tag === 'string') : [],
    coverUrl: orNull('coverUrl'),
    coverAlt: str('coverAlt'),
    coverCaption: str('coverCaption'),
    coverCredit: str('coverCredit'),
    videoUrl: orNull('videoUrl'),
    commentsOpen: f.commentsOpen !== false,
  };
}

/**
 * Bring back an older revision's content (title, standfirst, body, tags, cover, video, comments)
 * as a new save. What readers are promised stays as it is now: the slug, the status, the
 * publication time and the authors. The restore is itself a revision, so it can be undone.
 */
export async function restoreRevision(ctx: AppContext, input: { actor: Actor; articleId: number; revisionId: number }): Promise<{ id: number; slug: string }> {
  const { t } = ctx.site.i18n;
  const [revision, current] = await Promise.all([getRevision(ctx.database.db, input.revisionId), getArticleForEditor(ctx.database.db, input.articleId)]);
  if (!current) throw new ArticleError('article_not_found', t('error.notFoundArticle'));
  if (!revision || revision.articleId !== input.articleId || revision.kind === 'autosave') {
    throw new ArticleError('revision_not_found', t('admin.revisions.notFound'));
  }
  const old = revisionInput(revision.fields);
  const restored: ArticleInput = {
    ...old,
    slug: current.input.slug,
    status: current.input.status,
    publishedAt: current.input.publishedAt,
    authorIds: current.input.authorIds,
  };
  return saveArticle(ctx, restored, input.articleId, { actor: input.actor, revisionKind: 'restore' });
}
