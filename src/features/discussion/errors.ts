export type DiscussionErrorCode =
  | 'comment_invalid'
  | 'comment_cursor_invalid'
  | 'comment_not_found'
  | 'comment_parent_invalid'
  | 'comment_parent_deleted'
  | 'comment_deleted'
  | 'comment_forbidden'
  | 'comment_edit_window_closed'
  | 'discussion_closed'
  | 'vote_own_comment';

/** Coded errors of the discussion; http/errors.ts maps the codes to statuses. `fields` feed form re-renders. */
export class DiscussionError extends Error {
  constructor(
    readonly code: DiscussionErrorCode,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}
