import type { Kysely } from 'kysely';
import { prepared } from '../../db/prepared.js';
import type { DB, PassageState } from '../../db/schema/index.js';

/** One passage anchor with the number of published comments in its thread (the comment and its replies). */
export interface PassageSummary {
  id: number;
  commentId: number;
  state: PassageState;
  start: number;
  end: number;
  exact: string;
  quote: string;
  count: number;
}

// The count is a subquery per anchor (an index range read on comments_thread): as a join, SQLite
// would start from the published comments of the whole site (12 ms with 50,000 comments, none anchored).
const passageSummaries = prepared<{ articleId: number }>()((db, p) =>
  db
    .selectFrom('passage_anchors as a')
    .where('a.article_id', '=', p.articleId)
    .select([
      'a.id',
      'a.comment_id',
      'a.state',
      'a.start_offset',
      'a.end_offset',
      'a.exact',
      'a.quote',
      (eb) => eb.selectFrom('comments as c').whereRef('c.root_id', '=', 'a.comment_id').where('c.status', '=', 'published').select(eb.fn.countAll<number>().as('n')).as('n'),
    ])
    .orderBy('a.start_offset')
    .orderBy('a.id'),
);

/** An article's passage anchors that have something to show, in the order of the text. */
export async function listPassageSummaries(db: Kysely<DB>, articleId: number): Promise<PassageSummary[]> {
  const rows = await passageSummaries.all(db, { articleId });
  return rows.filter((r) => Number(r.n) > 0).map((r) => ({
    id: r.id,
    commentId: r.comment_id,
    state: r.state,
    start: Number(r.start_offset),
    end: Number(r.end_offset),
    exact: r.exact,
    quote: r.quote,
    count: Number(r.n),
  }));
}

/** The anchor of a comment, if it is a passage comment. */
export async function getPassageAnchor(db: Kysely<DB>, id: number) {
  return db.selectFrom('passage_anchors').selectAll().where('id', '=', id).executeTakeFirst();
}
