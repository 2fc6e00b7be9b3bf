export type NotificationErrorCode =
  /** A field is wrong (email missing or not an address, unknown delivery): see `fields`. */
  | 'notify_invalid'
  /** The article's discussion is closed: there will be no follow-up comments to send. */
  | 'notify_article_closed'
  /** A token that was never issued by this site, or was altered or cut short. */
  | 'notify_token_invalid'
  | 'notify_token_expired'
  /** A confirmation link superseded by a newer one sent to the same address. */
  | 'notify_token_replaced'
  /** Confirming a subscription that was cancelled since the link was sent. */
  | 'notify_unsubscribed'
  | 'notify_not_found';

/** Coded errors of notifications; http/errors.ts maps the codes to statuses. */
export class NotificationError extends Error {
  constructor(
    readonly code: NotificationErrorCode,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}
