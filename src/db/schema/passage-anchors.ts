import type { Generated } from 'kysely';

/** 'anchored': found in the article's current text; 'orphaned': the passage is gone (the comment stays). */
export type PassageState = 'anchored' | 'orphaned';

/** The passage a comment is about: W3C Web Annotation selectors over the article's text (docs/feedback.md). */
export interface PassageAnchorsTable {
  id: Generated<number>;
  comment_id: number;
  article_id: number;
  /** The passage as the reader chose it; never changes. */
  quote: string;
  /** TextQuoteSelector, as last anchored. */
  exact: string;
  prefix: string;
  suffix: string;
  /** TextPositionSelector [start, end) in UTF-16 code units, as last anchored. */
  start_offset: number;
  end_offset: number;
  state: PassageState;
  created_at: string;
  /** When the selectors were last checked against the article's text (creation, or a save). */
  anchored_at: string;
}
