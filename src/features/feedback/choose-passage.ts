import type { I18n } from '../../i18n/index.js';
import { describePassage, type PassageSelector, tidyRange } from './anchor.js';
import { FeedbackError } from './errors.js';
import { readHtml } from './html-text.js';
import { findPrompts } from './prompts.js';

/**
 * The passage behind the no-JS links of an article page (docs/feedback.md): a whole line of the
 * text model (`?p=<index>`, the per-paragraph links), an author's prompt (`?prompt=<index>`), or a
 * range already commented on (`range`, from a passage's anchors).
 */
export function choosePassage(
  bodyHtml: string,
  target: {
    paragraph?: number;
    prompt?: number;
    range?: { start: number; end: number };
  },
  i18n: I18n,
): { selector: PassageSelector; question: string } {
  const read = readHtml(bodyHtml);
  const { text, segments } = read.model;
  let range: { start: number; end: number } | null = null;
  let question = '';
  if (target.prompt !== undefined) {
    const prompt = findPrompts(read)[target.prompt];
    if (!prompt) throw new FeedbackError('prompt_not_found', i18n.t('feedback.error.prompt'));
    range = prompt;
    question = prompt.question || i18n.t('feedback.promptDefault');
  } else if (target.range) {
    range = target.range.end <= text.length ? target.range : null;
    if (!range) throw new FeedbackError('passage_unknown', i18n.t('feedback.error.passageNotFound'));
  } else {
    const index = target.paragraph ?? -1;
    range = segments[index] ?? null;
    if (!range) throw new FeedbackError('paragraph_not_found', i18n.t('feedback.error.paragraph', { index }));
  }
  const tidy = tidyRange(text, range.start, range.end);
  if (!tidy) throw new FeedbackError('paragraph_not_found', i18n.t('feedback.error.paragraph', { index: target.paragraph ?? 0 }));
  return { selector: describePassage(text, tidy.start, tidy.end), question };
}
