export type FeedbackErrorCode =
  | 'passage_invalid'
  | 'passage_empty'
  | 'passage_range_invalid'
  | 'passage_out_of_bounds'
  | 'passage_too_long'
  | 'passage_not_found'
  | 'passage_wrong_article'
  | 'passage_on_reply'
  | 'passage_unknown'
  | 'paragraph_not_found'
  | 'prompt_not_found';

/** Coded errors of inline feedback; http/errors.ts maps the codes to statuses. `fields.passage` feeds form re-renders. */
export class FeedbackError extends Error {
  readonly fields: Record<string, string>;
  constructor(
    readonly code: FeedbackErrorCode,
    message: string,
  ) {
    super(message);
    this.fields = { passage: message };
  }
}
