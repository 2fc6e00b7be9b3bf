import type { AppContext } from '../../src/context.js';
import { describePassage, type PassageSelector } from '../../src/features/feedback/anchor.js';
import { articleText } from '../../src/features/feedback/html-text.js';

/** The current text model of an article (what passage selectors point into). */
export async function textOf(ctx: AppContext, articleId: number): Promise<string> {
  const row = await ctx.database.db.selectFrom('articles').select('body_html').where('id', '=', articleId).executeTakeFirstOrThrow();
  return articleText(row.body_html);
}

/** The selectors a reader's browser sends for the `nth` occurrence of `exact` in the article's text. */
export async function selectPassage(ctx: AppContext, articleId: number, exact: string, nth = 0): Promise<PassageSelector> {
  const text = await textOf(ctx, articleId);
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(exact, at + 1);
  if (at < 0) throw new Error(`"${exact}" is not in the article's text:\n${text}`);
  return describePassage(text, at, at + exact.length);
}

/** The comment form's passage fields for a selector. */
export function passageForm(selector: PassageSelector, articleId?: number): Record<string, string> {
  return {
    passage_start: String(selector.position.start),
    passage_end: String(selector.position.end),
    passage_exact: selector.quote.exact,
    passage_prefix: selector.quote.prefix,
    passage_suffix: selector.quote.suffix,
    passage_article: articleId === undefined ? '' : String(articleId),
  };
}

/** The JSON API's `passage` for a selector. */
export function passageJson(selector: PassageSelector, articleId?: number) {
  return {
    ...selector.quote,
    ...selector.position,
    ...(articleId === undefined ? {} : { articleId }),
  };
}

/** Anchor rows of an article, oldest first. */
export function anchorsOf(ctx: AppContext, articleId: number) {
  return ctx.database.db.selectFrom('passage_anchors').selectAll().where('article_id', '=', articleId).orderBy('id').execute();
}

/** The highlights of an article page: passage id → the text it covers (marks joined). */
export function highlights(html: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const m of html.matchAll(/<mark class="passage" data-passage="([\d ]+)"[^>]*>([^<]*)<\/mark>/g)) {
    for (const id of (m[1] ?? '').split(' ').map(Number)) out.set(id, `${out.get(id) ?? ''}${m[2] ?? ''}`);
  }
  return out;
}

/** The count link after a passage: "N comments on this passage". */
export function countLabel(html: string, id: number): string | null {
  const m = new RegExp(
    `<a class="passage-count" href="[^"]*/passages/${id}" data-passage="${id}" data-feedback-ui><span aria-hidden="true">\\d+</span><span class="visually-hidden">([^<]*)</span></a>`,
  ).exec(html);
  return m ? (m[1] ?? null) : null;
}
