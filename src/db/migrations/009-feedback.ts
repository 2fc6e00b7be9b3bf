import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import { idColumn } from './helpers.js';

/**
 * Inline feedback: the passage a comment is about (docs/feedback.md). A passage comment is a normal
 * top-level comment with one row here: W3C Web Annotation selectors over the article's text
 * (TextQuoteSelector: exact, prefix, suffix; TextPositionSelector: start_offset, end_offset),
 * re-anchored whenever the article is saved. `quote` is the text as the reader chose it, never
 * changed; `state` is 'anchored' or 'orphaned' (the passage is gone, the row and comment stay).
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('passage_anchors')
    .addColumn('id', 'integer', (c) => idColumn(c, dialect))
    .addColumn('comment_id', 'integer', (c) => c.notNull().unique().references('comments.id').onDelete('cascade'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('quote', 'text', (c) => c.notNull())
    .addColumn('exact', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('suffix', 'text', (c) => c.notNull())
    .addColumn('start_offset', 'integer', (c) => c.notNull())
    .addColumn('end_offset', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('anchored_at', 'text', (c) => c.notNull())
    .execute();
  // An article's passages, in the order of the text (highlights, the "Inline Feedbacks" tab, re-anchoring).
  await db.schema.createIndex('passage_anchors_article').on('passage_anchors').columns(['article_id', 'state', 'start_offset']).execute();
}
