/**
 * Approximate string search: where in `text` does `pattern` occur with at most `maxErrors` edits
 * (insertions, deletions, substitutions)? Myers' bit-parallel algorithm (1999) in blocks of 32
 * pattern characters, so any pattern length works, in O(text length × pattern length / 32) time
 * and no allocation per character: fast enough to search a long article many times on each save.
 */

export interface ApproxMatch {
  /** [start, end) in text. */
  start: number;
  end: number;
  errors: number;
}

const HIGH = 1 << 31;

/** One column of one 32-row block of the edit-distance matrix, as deltas (Hyyrö's formulation). */
function advanceBlock(P: Int32Array, M: Int32Array, b: number, eqBlock: number, hIn: number, lastBit: number): number {
  const pV = P[b] as number;
  const mV = M[b] as number;
  const hInNegative = hIn < 0 ? 1 : 0;
  const eq = eqBlock | hInNegative;
  const xV = eq | mV;
  const xH = (((eq & pV) + pV) ^ pV) | eq;
  let pH = mV | ~(xH | pV);
  let mH = pV & xH;
  const hOut = (pH & lastBit ? 1 : 0) - (mH & lastBit ? 1 : 0);
  pH = (pH << 1) | (hIn > 0 ? 1 : 0);
  mH = (mH << 1) | hInNegative;
  P[b] = mH | ~(xV | pH);
  M[b] = pH & xV;
  return hOut;
}

/** Every end position (exclusive) where some substring ending there is within `maxErrors` of the pattern. */
export function findMatchEnds(text: string, pattern: string, maxErrors: number): Array<{ end: number; errors: number }> {
  const m = pattern.length;
  if (m === 0) return [];
  const blocks = Math.ceil(m / 32);
  const peq = new Map<number, Int32Array>();
  for (let i = 0; i < m; i++) {
    const c = pattern.charCodeAt(i);
    let bits = peq.get(c);
    if (!bits) {
      bits = new Int32Array(blocks);
      peq.set(c, bits);
    }
    bits[i >> 5] = (bits[i >> 5] as number) | (1 << (i & 31));
  }
  const none = new Int32Array(blocks);
  const P = new Int32Array(blocks).fill(-1);
  const M = new Int32Array(blocks);
  const lastBit = 1 << ((m - 1) & 31);
  let score = m;
  const ends: Array<{ end: number; errors: number }> = [];
  for (let j = 0; j < text.length; j++) {
    const eq = peq.get(text.charCodeAt(j)) ?? none;
    let carry = 0;
    for (let b = 0; b < blocks; b++) carry = advanceBlock(P, M, b, eq[b] as number, carry, b === blocks - 1 ? lastBit : HIGH);
    score += carry;
    if (score <= maxErrors) ends.push({ end: j + 1, errors: score });
  }
  return ends;
}

const reverse = (s: string) => {
  let out = '';
  for (let i = s.length - 1; i >= 0; i--) out += s[i];
  return out;
};

/**
 * Matches of `pattern` in `text` with at most `maxErrors` edits: the best end of each run of
 * neighbouring ends, and for each the start that gives the fewest errors (closest to the
 * pattern's length when several do).
 */
export function searchApprox(text: string, pattern: string, maxErrors: number, limit = 50): ApproxMatch[] {
  const ends = findMatchEnds(text, pattern, maxErrors);
  const best: Array<{ end: number; errors: number }> = [];
  for (let i = 0; i < ends.length; i++) {
    const e = ends[i] as { end: number; errors: number };
    const previous = best[best.length - 1];
    const prevEnd = ends[i - 1];
    if (previous && prevEnd && prevEnd.end === e.end - 1) {
      if (e.errors < previous.errors) best[best.length - 1] = e;
    } else best.push(e);
  }
  best.sort((a, b) => a.errors - b.errors || a.end - b.end);
  const reversedPattern = reverse(pattern);
  const matches: ApproxMatch[] = [];
  for (const { end, errors } of best.slice(0, limit)) {
    const from = Math.max(0, end - pattern.length - errors);
    const starts = findMatchEnds(reverse(text.slice(from, end)), reversedPattern, errors);
    let chosen = -1;
    for (const s of starts) {
      if (s.errors !== errors) continue;
      if (chosen < 0 || Math.abs(s.end - pattern.length) < Math.abs(chosen - pattern.length)) chosen = s.end;
    }
    if (chosen >= 0) matches.push({ start: end - chosen, end, errors });
  }
  return matches;
}

/** Levenshtein distance of two short strings (context comparisons: ~32 characters each). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min((row[j] as number) + 1, (next[j - 1] as number) + 1, (row[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length] as number;
}
