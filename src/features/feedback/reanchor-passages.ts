import type { Tx } from '../../db/database.js';
import { type Anchor, anchorPassage, describePassage } from './anchor.js';
import { articleText } from './html-text.js';

export interface ReanchorSummary {
  unchanged: number;
  moved: number;
  orphaned: number;
  recovered: number;
}

/**
 * Re-anchor every passage comment of an article in its new rendered body, in the save's
 * transaction (save-article.ts): exact quote, then position, then fuzzy (anchor.ts). A passage
 * that is found gets its new selectors; one that is not becomes 'orphaned' and keeps its last
 * selectors, so it is found again if the text comes back. No row is ever deleted.
 */
export async function reanchorPassages(tx: Tx, articleId: number, bodyHtml: string, now: string): Promise<ReanchorSummary> {
  const summary: ReanchorSummary = {
    unchanged: 0,
    moved: 0,
    orphaned: 0,
    recovered: 0,
  };
  const rows = await tx.db
    .selectFrom('passage_anchors')
    .select(['id', 'exact', 'prefix', 'suffix', 'start_offset', 'end_offset', 'state'])
    .where('article_id', '=', articleId)
    .orderBy('id')
    .execute();
  if (rows.length === 0) return summary;
  const text = articleText(bodyHtml);
  // Comments on one passage share their selectors: anchor each distinct selector once.
  const found = new Map<string, Anchor | null>();
  for (const row of rows) {
    const key = JSON.stringify([row.exact, row.prefix, row.suffix, row.start_offset, row.end_offset]);
    let anchor = found.get(key);
    if (anchor === undefined) {
      anchor = anchorPassage(text, {
        quote: { exact: row.exact, prefix: row.prefix, suffix: row.suffix },
        position: { start: row.start_offset, end: row.end_offset },
      });
      found.set(key, anchor);
    }
    if (!anchor) {
      if (row.state === 'orphaned') continue;
      summary.orphaned++;
      await tx.db.updateTable('passage_anchors').set({ state: 'orphaned', anchored_at: now }).where('id', '=', row.id).execute();
      continue;
    }
    const next = describePassage(text, anchor.start, anchor.end);
    const same =
      row.state === 'anchored' &&
      row.start_offset === next.position.start &&
      row.end_offset === next.position.end &&
      row.exact === next.quote.exact &&
      row.prefix === next.quote.prefix &&
      row.suffix === next.quote.suffix;
    if (same) {
      summary.unchanged++;
      continue;
    }
    if (row.state === 'orphaned') summary.recovered++;
    else summary.moved++;
    await tx.db
      .updateTable('passage_anchors')
      .set({
        state: 'anchored',
        exact: next.quote.exact,
        prefix: next.quote.prefix,
        suffix: next.quote.suffix,
        start_offset: next.position.start,
        end_offset: next.position.end,
        anchored_at: now,
      })
      .where('id', '=', row.id)
      .execute();
  }
  return summary;
}
