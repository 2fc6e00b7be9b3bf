import type { Kysely } from 'kysely';
import type { AppContext } from '../../context.js';
import type { ArticleStatus, DB } from '../../db/schema/index.js';
import type { Tx } from '../../db/database.js';
import type { I18n } from '../../i18n/index.js';
import { iso } from '../../shared/clock.js';
import { isSlug, slugify } from '../../shared/slug.js';
import { type Actor, can } from '../accounts/policy.js';
import { reanchorPassages } from '../feedback/reanchor-passages.js';
import { mediaForMarkdown } from '../media/queries.js';
import { indexArticle } from '../search/index-article.js';
import { ArticleError } from './errors.js';
import { renderArticleBody } from './render-body.js';
import { insertRevision } from './revisions.js';
import { parseVideoUrl, VideoUrlError } from './video.js';

export interface ArticleInput {
  title: string;
  slug?: string;
  standfirst?: string;
  bodyMarkdown: string;
  status: ArticleStatus;
  /** Required when scheduled; defaults to now when published. UTC ISO-8601. */
  publishedAt?: string | null;
  authorIds: number[];
  /** Tag names; missing tags are created. */
  tags?: string[];
  coverUrl?: string | null;
  coverAlt?: string;
  coverCaption?: string;
  coverCredit?: string;
  videoUrl?: string | null;
  commentsOpen?: boolean;
}

/** Who saves, when a person does (the admin screens): checked against the policy, named in the revision. */
export interface SaveOptions {
  /**
   * The account saving. With it, the policy decides (article.create / article.edit /
   * article.publish, docs/roles.md); without it (CLI, importers, demo seeding) the caller has.
   */
  actor?: Actor;
  /** How the revision this save writes is labelled: 'restore' when it restores an older one. */
  revisionKind?: 'save' | 'restore';
}

function validate(input: ArticleInput, t: I18n['t']): Record<string, string> {
  const fields: Record<string, string> = {};
  if (!input.title.trim()) fields.title = t('admin.articles.error.titleRequired');
  else if (input.title.length > 300) fields.title = t('admin.articles.error.titleTooLong');
  if (input.slug !== undefined && input.slug !== '' && !isSlug(input.slug)) {
    fields.slug = t('admin.articles.error.slugShape');
  }
  if ((input.standfirst ?? '').length > 1000) fields.standfirst = t('admin.articles.error.standfirstTooLong');
  if (input.bodyMarkdown.length > 500_000) fields.body = t('admin.articles.error.bodyTooLong');
  if (input.authorIds.length === 0) fields.authors = t('admin.articles.error.authorsRequired');
  if (input.status === 'scheduled' && !input.publishedAt) fields.publishedAt = t('admin.articles.error.scheduleRequired');
  if (input.publishedAt && Number.isNaN(Date.parse(input.publishedAt))) fields.publishedAt = t('admin.articles.error.scheduleInvalid');
  if (input.videoUrl) {
    try {
      parseVideoUrl(input.videoUrl);
    } catch (error) {
      if (error instanceof VideoUrlError) fields.videoUrl = error.message;
      else throw error;
    }
  }
  return fields;
}

/** The authors and status the policy judges an existing article by. */
async function policySubject(db: Kysely<DB>, id: number) {
  const row = await db.selectFrom('articles').select(['status']).where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const authors = await db.selectFrom('article_authors').select('user_id').where('article_id', '=', id).execute();
  return { authorIds: authors.map((a) => a.user_id), status: row.status };
}

/**
 * The policy, for a save by a person: may they edit this article (before), and may they put it
 * (after) in front of readers? An article that is or will be scheduled or published needs
 * `article.publish`; and nobody may save an article into a state they could no longer edit.
 */
function checkPolicy(
  t: I18n['t'],
  actor: Actor,
  before: { authorIds: number[]; status: ArticleStatus } | null,
  after: { authorIds: number[]; status: ArticleStatus },
): void {
  if (!before && !can(actor, 'article.create')) throw new ArticleError('article_forbidden', t('admin.articles.error.cannotCreate'));
  if (before && !can(actor, 'article.edit', before)) throw new ArticleError('article_forbidden', t('admin.articles.error.notYours'));
  if (before && before.status !== 'draft' && !can(actor, 'article.publish', before)) {
    throw new ArticleError('article_forbidden', t('admin.articles.error.cannotChangePublished'));
  }
  if (after.status !== 'draft' && !can(actor, 'article.publish', after)) {
    throw new ArticleError('article_forbidden', t('admin.articles.error.cannotPublish'), { status: t('admin.articles.error.cannotPublish') });
  }
  if (!can(actor, 'article.edit', after)) {
    throw new ArticleError('article_invalid', t('admin.articles.error.invalid'), { authors: t('admin.articles.error.keepYourself') });
  }
}

/**
 * Create (no `id`) or update an article, with its authors, tags and search index, in one
 * transaction; the pages that show it are invalidated once it has committed. Every save writes a
 * revision (who, when, the fields) and clears the saver's autosave of it.
 */
export async function saveArticle(ctx: AppContext, input: ArticleInput, id?: number, options: SaveOptions = {}): Promise<{ id: number; slug: string }> {
  const { t } = ctx.site.i18n;
  const { actor } = options;
  // Someone who may not edit this article learns nothing about it, not even what is wrong with the form.
  if (actor && id !== undefined) {
    const current = await policySubject(ctx.database.db, id);
    if (!current) throw new ArticleError('article_not_found', t('error.notFoundArticle'));
    if (!can(actor, 'article.edit', current)) throw new ArticleError('article_forbidden', t('admin.articles.error.notYours'));
  }
  const fields = validate(input, t);
  if (Object.keys(fields).length) throw new ArticleError('article_invalid', t('admin.articles.error.invalid'), fields);
  const now = ctx.clock.now();
  const body = await renderArticleBody(input.bodyMarkdown, { media: await mediaForMarkdown(ctx.database.db, input.bodyMarkdown) });
  let publishedAt = input.publishedAt ? iso(new Date(input.publishedAt)) : null;
  let status = input.status;
  if (status === 'published' && !publishedAt) publishedAt = iso(now);
  // Scheduled for a time already past: it is simply published.
  if (status === 'scheduled' && publishedAt && publishedAt <= iso(now)) status = 'published';

  return ctx.database.transaction(async (tx) => {
    if (actor) checkPolicy(t, actor, id === undefined ? null : await policySubject(tx.db, id), { authorIds: [...new Set(input.authorIds)], status });
    const slug = input.slug || slugify(input.title);
    const clash = await tx.db.selectFrom('articles').select('id').where('slug', '=', slug).executeTakeFirst();
    if (clash && clash.id !== id) {
      throw new ArticleError('article_slug_taken', t('admin.articles.error.slugTakenTitle'), { slug: t('admin.articles.error.slugTaken', { slug }) });
    }
    const values = {
      slug,
      title: input.title.trim(),
      standfirst: (input.standfirst ?? '').trim(),
      body_md: input.bodyMarkdown,
      body_html: body.html,
      body_text: body.text,
      status,
      published_at: publishedAt,
      updated_at: iso(now),
      cover_url: input.coverUrl || null,
      cover_alt: input.coverAlt ?? '',
      cover_caption: input.coverCaption ?? '',
      cover_credit: input.coverCredit ?? '',
      video_url: input.videoUrl || null,
      comments_open: input.commentsOpen === false ? 0 : 1,
    };
    let articleId: number;
    if (id === undefined) {
      const row = await tx.db.insertInto('articles').values({ ...values, created_at: iso(now) }).returning('id').executeTakeFirstOrThrow();
      articleId = row.id;
    } else {
      const before = await tx.db.selectFrom('articles').select('slug').where('id', '=', id).executeTakeFirst();
      if (!before) throw new ArticleError('article_not_found', t('error.notFoundArticle'));
      await tx.db.updateTable('articles').set(values).where('id', '=', id).execute();
      if (before.slug !== slug) {
        // The old address keeps working: it redirects to the new one.
        await tx.db.deleteFrom('article_slugs').where('slug', '=', slug).execute();
        await tx.db.insertInto('article_slugs').values({ slug: before.slug, article_id: id }).onConflict((oc) => oc.column('slug').doNothing()).execute();
      }
      articleId = id;
    }
    await setAuthors(tx, articleId, input.authorIds, t);
    await setTags(tx, articleId, input.tags ?? []);
    await indexArticle(tx, articleId, { title: values.title, standfirst: values.standfirst, body: body.text });
    // Passage comments follow their passages into the new text, or are kept as orphaned (docs/feedback.md).
    await reanchorPassages(tx, articleId, body.html, iso(now));
    await insertRevision(tx, {
      articleId,
      userId: actor?.id ?? null,
      kind: options.revisionKind ?? 'save',
      fields: { ...input, slug, status, publishedAt, authorIds: [...new Set(input.authorIds)], tags: input.tags ?? [] },
      createdAt: iso(now),
      // The saver's autosave is superseded by what they saved (for a new article: their unsaved draft).
      clearAutosaveOf: actor ? { userId: actor.id, articleId: id ?? null } : null,
    });
    tx.onCommit(() => ctx.invalidate(['articles', `article:${articleId}`]));
    return { id: articleId, slug };
  });
}

async function setAuthors(tx: Tx, articleId: number, authorIds: number[], t: I18n['t']): Promise<void> {
  await tx.db.deleteFrom('article_authors').where('article_id', '=', articleId).execute();
  const unique = [...new Set(authorIds)];
  const found = await tx.db.selectFrom('users').select('id').where('id', 'in', unique).execute();
  if (found.length !== unique.length) throw new ArticleError('article_invalid', t('admin.articles.error.invalid'), { authors: t('admin.articles.error.authorMissing') });
  await tx.db
    .insertInto('article_authors')
    .values(unique.map((userId, position) => ({ article_id: articleId, user_id: userId, position })))
    .execute();
}

async function setTags(tx: Tx, articleId: number, names: string[]): Promise<void> {
  await tx.db.deleteFrom('article_tags').where('article_id', '=', articleId).execute();
  const seen = new Set<string>();
  let position = 0;
  for (const raw of names) {
    const name = raw.trim();
    const slug = slugify(name);
    if (!name || seen.has(slug)) continue;
    seen.add(slug);
    let tag = await tx.db.selectFrom('tags').select('id').where('slug', '=', slug).executeTakeFirst();
    if (!tag) tag = await tx.db.insertInto('tags').values({ slug, name, description: '' }).returning('id').executeTakeFirstOrThrow();
    await tx.db.insertInto('article_tags').values({ article_id: articleId, tag_id: tag.id, position: position++ }).execute();
  }
}
