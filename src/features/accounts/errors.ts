/** Stable codes; `http/errors.ts` maps each to a status. */
export type AccountErrorCode =
  | 'account_invalid'
  | 'account_email_taken'
  /** A second owner: there is one (docs/roles.md). */
  | 'account_owner_exists'
  /** Wrong email or password, or a password sign-in by a reader: one message for all, revealing nothing. */
  | 'signin_failed'
  | 'account_suspended'
  /** A one-time link that never existed (or was mistyped). */
  | 'link_invalid'
  | 'link_used'
  | 'link_expired'
  /** The first-run setup link, after the site has an owner. */
  | 'setup_done'
  /** The policy refuses this change to another account (docs/roles.md). */
  | 'account_forbidden'
  | 'account_not_found'
  /** The change would leave the site without an active owner. */
  | 'account_last_owner';

export class AccountError extends Error {
  constructor(
    readonly code: AccountErrorCode,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}
