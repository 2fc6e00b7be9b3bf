import type { PassageThreads } from '../../features/feedback/list-passage-threads.js';
import type { Passage } from '../../features/feedback/passages.js';

/** The passage a comment form is about (hidden selector fields and the quote shown above the form). */
export interface PassageFormView {
  start: number | null;
  end: number | null;
  exact: string;
  prefix: string;
  suffix: string;
  /** The author's question, when the reader answers a feedback prompt. */
  question: string;
  articleId: number | null;
}

/** Inline feedback in the discussion: the "Inline Feedbacks" tab and the quotes beside passage comments. */
export interface FeedbackView {
  /** Published comments on passages: the tab's count. */
  count: number;
  /** The tab is the one shown (`?tab=feedback`). */
  active: boolean;
  /** When active: the passages with their threads. */
  list: {
    anchored: PassageThreads[];
    orphaned: PassageThreads[];
    truncated: boolean;
    /** The cursor of the tab's next page ("Load more"), null on the last. */
    next: string | null;
  } | null;
  /** The passage each passage comment is about. */
  byComment: ReadonlyMap<number, Passage>;
}
