/** What a one-time link does when it is used. */
export type LoginTokenPurpose = 'signin' | 'setup' | 'reset' | 'invite' | 'signup';

/** One-time links sent by email (or printed by the CLI). Only the SHA-256 of the token is stored. */
export interface LoginTokensTable {
  /** SHA-256 (hex) of the token in the link. */
  token_hash: string;
  purpose: LoginTokenPurpose;
  /** The account the link signs in to; null for 'setup', which creates the owner. */
  user_id: number | null;
  created_at: string;
  expires_at: string;
  /** Set when the link is used; a used link never works again. */
  used_at: string | null;
  /** 'signup' only: the address the link was sent to, which the new member account gets. */
  email: string | null;
}
