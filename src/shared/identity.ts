/**
 * Who is acting: a signed-in account or a guest known by its signed cookie. Discussion use cases
 * take one of these and never look at requests; http/identity.ts resolves it from a request.
 */
export type Identity = { kind: 'user'; userId: number } | { kind: 'guest'; guestId: number };

/** The key a vote is stored under: one vote per identity, whatever its kind. */
export function voterKey(identity: Identity): string {
  return identity.kind === 'user' ? `user:${identity.userId}` : `guest:${identity.guestId}`;
}
