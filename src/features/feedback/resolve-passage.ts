import type { I18n } from '../../i18n/index.js';
import { describePassage, findExactQuote, type PassageSelector, tidyRange } from './anchor.js';
import { FeedbackError } from './errors.js';

/** A passage as a reader's browser (or an API client) sends it. */
export interface PassageInput {
  /** TextPositionSelector; optional for API clients that only know the quote. */
  start?: number | null;
  end?: number | null;
  /** TextQuoteSelector. */
  exact: string;
  prefix?: string;
  suffix?: string;
  /** The article the text was selected in, when the client says. */
  articleId?: number | null;
}

/** The longest passage one may comment on. */
export const PASSAGE_MAX = 5_000;

/**
 * Check a new passage against the article's CURRENT text and return its selectors as the server
 * computes them. The position must hold the exact quote; when it does not (the article was edited
 * since the page was loaded), the quote is looked for as re-anchoring would, by exact match and
 * context. Anything else is a coded error a person can act on.
 */
export function resolvePassage(text: string, input: PassageInput, articleId: number, i18n: I18n): PassageSelector {
  const fail = (code: ConstructorParameters<typeof FeedbackError>[0], key: Parameters<I18n['t']>[0], params?: Record<string, string | number>) =>
    new FeedbackError(code, i18n.t(key, params));
  if (input.articleId !== undefined && input.articleId !== null && input.articleId !== articleId)
    throw fail('passage_wrong_article', 'feedback.error.wrongArticle');
  const exact = input.exact ?? '';
  if (typeof exact !== 'string' || exact.trim() === '') throw fail('passage_empty', 'feedback.error.empty');
  if (exact.length > text.length) throw fail('passage_too_long', 'feedback.error.tooLong');
  if (exact.length > PASSAGE_MAX)
    throw fail('passage_too_long', 'feedback.error.tooLongMax', {
      max: i18n.number(PASSAGE_MAX),
    });
  const { start, end } = input;
  const hasStart = start !== undefined && start !== null;
  const hasEnd = end !== undefined && end !== null;
  if (hasStart !== hasEnd) throw fail('passage_invalid', 'feedback.error.invalid');
  let range: { start: number; end: number } | null = null;
  if (hasStart && hasEnd) {
    if (!Number.isInteger(start) || !Number.isInteger(end)) throw fail('passage_invalid', 'feedback.error.invalid');
    if (start >= end) throw fail('passage_range_invalid', 'feedback.error.range');
    if (start < 0 || end > text.length)
      throw fail('passage_out_of_bounds', 'feedback.error.outOfBounds', {
        length: i18n.number(text.length),
      });
    if (text.slice(start, end) === exact) range = { start, end };
  }
  const selector: PassageSelector = {
    quote: { exact, prefix: input.prefix ?? '', suffix: input.suffix ?? '' },
    position: { start: hasStart ? start : 0, end: hasEnd ? end : 0 },
  };
  range ??= findExactQuote(text, selector);
  if (!range) throw fail('passage_not_found', 'feedback.error.notFound');
  const tidy = tidyRange(text, range.start, range.end);
  if (!tidy) throw fail('passage_empty', 'feedback.error.empty');
  return describePassage(text, tidy.start, tidy.end);
}
