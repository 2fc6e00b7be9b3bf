import { sql } from 'kysely';
import type { Tx } from '../../db/database.js';

/** Write an article into the full-text index, inside the transaction that saves it. */
export async function indexArticle(tx: Tx, articleId: number, doc: { title: string; standfirst: string; body: string }): Promise<void> {
  if (tx.dialect === 'sqlite') {
    await sql`DELETE FROM article_search WHERE rowid = ${articleId}`.execute(tx.db);
    await sql`INSERT INTO article_search (rowid, title, standfirst, body) VALUES (${articleId}, ${doc.title}, ${doc.standfirst}, ${doc.body})`.execute(tx.db);
  } else {
    await sql`UPDATE articles SET search_vector =
        setweight(to_tsvector('english', ${doc.title}), 'A') ||
        setweight(to_tsvector('english', ${doc.standfirst}), 'B') ||
        setweight(to_tsvector('english', ${doc.body}), 'C')
      WHERE id = ${articleId}`.execute(tx.db);
  }
}
