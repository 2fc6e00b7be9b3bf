import type { Tx } from '../../db/database.js';
import type { I18n } from '../../i18n/index.js';
import { FeedbackError } from './errors.js';
import { articleText } from './html-text.js';
import { type PassageInput, resolvePassage } from './resolve-passage.js';

/**
 * Inside createComment's transaction: make the new comment a passage comment, after checking the
 * passage against the article's current text. Throwing rolls the comment back with it.
 */
export async function attachPassage(
  tx: Tx,
  i18n: I18n,
  input: {
    articleId: number;
    commentId: number;
    parentId: number | null;
    passage: PassageInput;
    now: string;
  },
): Promise<{ anchorId: number }> {
  if (input.parentId !== null) throw new FeedbackError('passage_on_reply', i18n.t('feedback.error.onReply'));
  const article = await tx.db.selectFrom('articles').select('body_html').where('id', '=', input.articleId).executeTakeFirstOrThrow();
  const selector = resolvePassage(articleText(article.body_html), input.passage, input.articleId, i18n);
  const row = await tx.db
    .insertInto('passage_anchors')
    .values({
      comment_id: input.commentId,
      article_id: input.articleId,
      quote: selector.quote.exact,
      exact: selector.quote.exact,
      prefix: selector.quote.prefix,
      suffix: selector.quote.suffix,
      start_offset: selector.position.start,
      end_offset: selector.position.end,
      state: 'anchored',
      created_at: input.now,
      anchored_at: input.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { anchorId: row.id };
}

/** Whether a form or API body carries a passage at all (all of its fields empty: an ordinary comment). */
export function passageOf(fields: {
  start?: string | number | null;
  end?: string | number | null;
  exact?: string | null;
  prefix?: string | null;
  suffix?: string | null;
  articleId?: string | number | null;
}): PassageInput | null {
  const present = (v: unknown) => v !== undefined && v !== null && v !== '';
  if (![fields.start, fields.end, fields.exact].some(present)) return null;
  const number = (v: unknown) => (present(v) ? Number(v) : null);
  return {
    start: number(fields.start),
    end: number(fields.end),
    exact: String(fields.exact ?? ''),
    prefix: String(fields.prefix ?? ''),
    suffix: String(fields.suffix ?? ''),
    articleId: number(fields.articleId),
  };
}
