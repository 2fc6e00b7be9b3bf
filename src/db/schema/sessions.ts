/** A signed-in browser. The cookie holds a random 256-bit token; only its SHA-256 is stored. */
export interface SessionsTable {
  /** SHA-256 (hex) of the `outpost_session` cookie's token. */
  id: string;
  user_id: number;
  created_at: string;
  /** Updated at most every few minutes, not on every request. */
  last_seen_at: string;
  expires_at: string;
  user_agent: string;
  ip: string;
}
