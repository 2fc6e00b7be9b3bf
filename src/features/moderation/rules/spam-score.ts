import type { TextSignals } from '../text-signals.js';
import type { ReasonCode, Verdict } from '../verdict.js';

/** Points per verdict of an earlier rule (flag, hold or reject alike): the signals the score combines. */
export const spamWeights: Partial<Record<ReasonCode, number>> = {
  honeypot: 10,
  duplicate: 3,
  too_many_links: 3,
  banned_words: 3,
  too_fast: 2,
  shouting: 2,
  repeated_characters: 2,
  suspect_words: 2,
  first_comment: 1,
};

const NEW_IDENTITY_MS = 10 * 60_000;

/**
 * A spam score: the earlier rules' verdicts (weighted, see spamWeights), plus one point per link
 * after the first, two for links with little else said, and one for an identity less than ten
 * minutes old. Held from `hold` points, rejected as spam from `reject` points (0: never).
 */
export function spamScore(
  input: { signals: Pick<TextSignals, 'links' | 'textLength'>; earlier: readonly Verdict[]; identityAgeMs: number | null },
  setting: { hold: number; reject: number },
): Verdict | null {
  const reasons = new Set(input.earlier.map((v) => v.reason));
  let score = 0;
  for (const reason of reasons) score += spamWeights[reason] ?? 0;
  const { links, textLength } = input.signals;
  score += Math.min(5, Math.max(0, links - 1));
  if (links > 0 && textLength < 30) score += 2;
  if (input.identityAgeMs !== null && input.identityAgeMs < NEW_IDENTITY_MS) score += 1;
  const detail = `score ${score}`;
  if (setting.reject > 0 && score >= setting.reject) return { action: 'reject', reason: 'spam_score', detail };
  if (setting.hold > 0 && score >= setting.hold) return { action: 'hold', reason: 'spam_score', detail };
  return null;
}
