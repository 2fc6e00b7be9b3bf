import { attrOf, type HtmlText, rangeInside } from './html-text.js';

/** An author's invitation to comment on a passage (markdown-prompt.ts), found in the rendered body. */
export interface FeedbackPrompt {
  /** 0, 1, … in document order: `/articles/:slug/feedback?prompt=<index>`. */
  index: number;
  /** The author's question ('' when none was given). */
  question: string;
  start: number;
  end: number;
  /** The prompt's <mark> open token. */
  token: number;
}

export function findPrompts(read: HtmlText): FeedbackPrompt[] {
  const prompts: FeedbackPrompt[] = [];
  read.tokens.forEach((t, token) => {
    if (t.kind !== 'open' || t.name !== 'mark' || t.skipped || !/(?:^|\s)feedback-prompt(?:\s|$)/.test(attrOf(t.raw, 'class') ?? '')) return;
    const range = rangeInside(read, token);
    if (range)
      prompts.push({
        index: prompts.length,
        question: attrOf(t.raw, 'data-feedback-prompt') ?? '',
        ...range,
        token,
      });
  });
  return prompts;
}
