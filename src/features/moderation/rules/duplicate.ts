import { type RuleAction, type Verdict, verdict } from '../verdict.js';

/** Texts shorter than this ("Agreed.", "+1") are said twice by honest people. */
const MIN_LENGTH = 20;

const wordChar = /[\p{L}\p{N}]/u;

/** A letter or digit of lower-cased text: ASCII by arithmetic, the rest by `\p{L}\p{N}`. */
function isWordChar(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return code < 128 ? (code >= 97 && code <= 122) || (code >= 48 && code <= 57) : wordChar.test(ch);
}

/**
 * Lower case, every run of other characters as one space, none at the ends: the same as
 * `text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()`, in one pass that answers ASCII by
 * arithmetic (it ran for every recent comment of the poster, on every post).
 */
export function normalise(text: string): string {
  const lower = text.toLowerCase();
  let out = '';
  let gap = false;
  for (const ch of lower) {
    if (!isWordChar(ch)) {
      gap = true;
      continue;
    }
    if (gap && out) out += ' ';
    gap = false;
    out += ch;
  }
  return out;
}

/**
 * Whether `normalise(body) === target`, normalising only as far as the first difference: most of
 * a poster's recent comments differ from the new one within a few words, so most stop early.
 */
export function normalisesTo(body: string, target: string): boolean {
  const lower = body.toLowerCase();
  let j = 0;
  let gap = false;
  for (const ch of lower) {
    if (!isWordChar(ch)) {
      gap = true;
      continue;
    }
    if (gap && j > 0) {
      if (target.charCodeAt(j) !== 32) return false;
      j++;
    }
    gap = false;
    if (!target.startsWith(ch, j)) return false;
    j += ch.length;
  }
  return j === target.length;
}

/** The same text (case, spacing and punctuation aside) as a recent comment by the same identity. */
export function duplicate(markdown: string, recentBodies: readonly string[], setting: { action: RuleAction }): Verdict | null {
  const text = normalise(markdown);
  if (text.length < MIN_LENGTH) return null;
  return recentBodies.some((body) => normalisesTo(body, text)) ? verdict(setting.action, 'duplicate') : null;
}
