export type ModerationErrorCode =
  | 'moderation_invalid'
  | 'moderation_comment_not_found'
  | 'report_own_comment'
  | 'appeal_forbidden'
  | 'appeal_not_needed'
  | 'appeal_exists'
  | 'appeal_not_found'
  | 'ban_not_found';

/** Coded errors of moderation; http/errors.ts maps the codes to statuses. `fields` feed form re-renders. */
export class ModerationError extends Error {
  constructor(
    readonly code: ModerationErrorCode,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}
