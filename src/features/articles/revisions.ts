import type { Kysely } from 'kysely';
import type { Tx } from '../../db/database.js';
import type { DB, RevisionKind } from '../../db/schema/index.js';

/** A revision as the list shows it. */
export interface RevisionSummary {
  id: number;
  kind: RevisionKind;
  createdAt: string;
  userId: number | null;
  userName: string | null;
  title: string;
  status: string;
  words: number;
}

export interface RevisionRow {
  id: number;
  articleId: number | null;
  userId: number | null;
  kind: RevisionKind;
  createdAt: string;
  /** The editor's fields, as saved (parse with `revisionInput` in restore-revision.ts). */
  fields: unknown;
}

function parse(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return {};
  }
}

const text = (fields: unknown, key: string): string => {
  const value = fields && typeof fields === 'object' ? (fields as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' ? value : '';
};

/**
 * Write a revision inside the save's transaction. `clearAutosaveOf` removes that account's
 * autosave of the article (articleId null: of the article they had not saved yet).
 */
export async function insertRevision(
  tx: Tx,
  row: { articleId: number; userId: number | null; kind: RevisionKind; fields: unknown; createdAt: string; clearAutosaveOf?: { userId: number; articleId: number | null } | null },
): Promise<void> {
  const clear = row.clearAutosaveOf;
  if (clear) {
    let q = tx.db.deleteFrom('article_revisions').where('kind', '=', 'autosave').where('user_id', '=', clear.userId);
    q = clear.articleId === null ? q.where('article_id', 'is', null) : q.where('article_id', '=', clear.articleId);
    await q.execute();
  }
  await tx.db
    .insertInto('article_revisions')
    .values({ article_id: row.articleId, user_id: row.userId, kind: row.kind, fields: JSON.stringify(row.fields), created_at: row.createdAt })
    .execute();
}

/** An article's saved revisions (not autosaves), newest first. */
export async function listRevisions(db: Kysely<DB>, articleId: number, limit = 200): Promise<RevisionSummary[]> {
  const rows = await db
    .selectFrom('article_revisions as r')
    .leftJoin('users as u', 'u.id', 'r.user_id')
    .select(['r.id', 'r.kind', 'r.created_at', 'r.user_id', 'r.fields', 'u.name'])
    .where('r.article_id', '=', articleId)
    .where('r.kind', '!=', 'autosave')
    .orderBy('r.created_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => {
    const fields = parse(r.fields);
    const body = text(fields, 'bodyMarkdown');
    return {
      id: r.id,
      kind: r.kind,
      createdAt: r.created_at,
      userId: r.user_id,
      userName: r.name,
      title: text(fields, 'title'),
      status: text(fields, 'status'),
      words: body.trim() ? body.trim().split(/\s+/).length : 0,
    };
  });
}

export async function getRevision(db: Kysely<DB>, id: number): Promise<RevisionRow | null> {
  const r = await db.selectFrom('article_revisions').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? { id: r.id, articleId: r.article_id, userId: r.user_id, kind: r.kind, createdAt: r.created_at, fields: parse(r.fields) } : null;
}

/** This account's autosave of an article (null: of the new article it has not saved yet). */
export async function getAutosave(db: Kysely<DB>, userId: number, articleId: number | null): Promise<RevisionRow | null> {
  let q = db.selectFrom('article_revisions').selectAll().where('kind', '=', 'autosave').where('user_id', '=', userId);
  q = articleId === null ? q.where('article_id', 'is', null) : q.where('article_id', '=', articleId);
  const r = await q.orderBy('id', 'desc').executeTakeFirst();
  return r ? { id: r.id, articleId: r.article_id, userId: r.user_id, kind: r.kind, createdAt: r.created_at, fields: parse(r.fields) } : null;
}
