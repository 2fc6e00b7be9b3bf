import { editDistance, searchApprox } from './approx-search.js';

/**
 * Anchoring passages in an article's text (text-model.ts), with the W3C Web Annotation selectors:
 * a TextQuoteSelector (the exact text, and up to 32 characters of context on each side) and a
 * TextPositionSelector (start and end offsets, UTF-16 code units). Pure; see docs/feedback.md.
 */
export interface TextQuoteSelector {
  exact: string;
  prefix: string;
  suffix: string;
}

export interface TextPositionSelector {
  start: number;
  end: number;
}

export interface PassageSelector {
  quote: TextQuoteSelector;
  position: TextPositionSelector;
}

export type AnchorMethod = 'exact' | 'position' | 'fuzzy';

export interface Anchor {
  start: number;
  end: number;
  method: AnchorMethod;
}

export const CONTEXT_LENGTH = 32;
/** A fuzzy match may differ from the quote in at most this share of its characters. */
export const MAX_ERROR_RATE = 0.3;
/** Quotes longer than this are matched fuzzily by their head and tail. */
const PROBE = 128;

/** The selectors of text[start, end). */
export function describePassage(text: string, start: number, end: number): PassageSelector {
  return {
    quote: {
      exact: text.slice(start, end),
      prefix: text.slice(Math.max(0, start - CONTEXT_LENGTH), start),
      suffix: text.slice(end, end + CONTEXT_LENGTH),
    },
    position: { start, end },
  };
}

/** How much of the context agrees right at [start, end): 0 (none) to 2 (prefix and suffix fully). */
function contextAgreement(text: string, start: number, end: number, quote: TextQuoteSelector): number {
  let score = 0;
  const { prefix, suffix } = quote;
  if (prefix) {
    let n = 0;
    while (n < prefix.length && start - n - 1 >= 0 && text[start - n - 1] === prefix[prefix.length - n - 1]) n++;
    score += n / prefix.length;
  }
  if (suffix) {
    let n = 0;
    while (n < suffix.length && end + n < text.length && text[end + n] === suffix[n]) n++;
    score += n / suffix.length;
  }
  return score;
}

/** 1 for a match where the passage was, falling to 0 across the text. */
function closeness(text: string, start: number, hint: number): number {
  return 1 - Math.min(1, Math.abs(start - hint) / Math.max(1, text.length));
}

/**
 * Step 1: the exact quote. One occurrence: that one. Several: the one whose prefix and suffix
 * agree best with the selector's, then the one nearest the old position.
 */
export function findExactQuote(text: string, selector: PassageSelector): TextPositionSelector | null {
  const { exact } = selector.quote;
  if (!exact) return null;
  let best: TextPositionSelector | null = null;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (let i = text.indexOf(exact); i >= 0; i = text.indexOf(exact, i + 1)) {
    const score = contextAgreement(text, i, i + exact.length, selector.quote) * 4 + closeness(text, i, selector.position.start);
    if (score > bestScore) {
      bestScore = score;
      best = { start: i, end: i + exact.length };
    }
  }
  return best;
}

/** Canonical form for comparing text across Unicode normalisation and whitespace changes. */
const canonical = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();

/**
 * Step 2: the old position, when the text there is still the quote up to Unicode normalisation
 * (é as one code point or as e + combining accent) and whitespace; the length may differ by that.
 */
export function checkPosition(text: string, selector: PassageSelector): TextPositionSelector | null {
  const { start, end } = selector.position;
  const { exact } = selector.quote;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || start >= end || start >= text.length) return null;
  const want = canonical(exact);
  if (!want) return null;
  const lengths = new Set([end - start, exact.length, exact.normalize('NFC').length, exact.normalize('NFD').length]);
  for (const length of lengths) {
    const stop = Math.min(text.length, start + length);
    if (stop > start && canonical(text.slice(start, stop)) === want) return { start, end: stop };
  }
  return null;
}

function similarity(a: string, b: string): number {
  if (!a && !b) return 1;
  return 1 - editDistance(a, b) / Math.max(a.length, b.length);
}

/**
 * Step 3: a fuzzy match of the quote (at most 30% of its characters edited), scored like
 * Hypothesis does: quote similarity first, then prefix and suffix similarity, then closeness to the
 * old position. A quote longer than 256 characters is matched by its first and last 128
 * characters, which must then lie about as far apart as the quote is long. Quotes under 4
 * characters are never matched fuzzily, and under 16 only with supporting context.
 */
export function findFuzzy(text: string, selector: PassageSelector): TextPositionSelector | null {
  const { exact, prefix, suffix } = selector.quote;
  const length = exact.length;
  if (length < 4) return null;
  const hint = selector.position.start;
  const contextScore = (start: number, end: number) => {
    const before = text.slice(Math.max(0, start - prefix.length), start);
    const after = text.slice(end, end + suffix.length);
    return {
      prefix: similarity(prefix, before),
      suffix: similarity(suffix, after),
    };
  };
  let best: { start: number; end: number; score: number } | null = null;
  const consider = (start: number, end: number, quoteSimilarity: number) => {
    const context = contextScore(start, end);
    if (length < 16 && (context.prefix + context.suffix) / 2 < 0.5) return;
    const score = 50 * quoteSimilarity + 20 * context.prefix + 20 * context.suffix + 2 * closeness(text, start, hint);
    if (!best || score > best.score) best = { start, end, score };
  };

  if (length <= PROBE * 2) {
    const maxErrors = Math.floor(length * MAX_ERROR_RATE);
    for (const m of searchApprox(text, exact, maxErrors)) consider(m.start, m.end, 1 - m.errors / length);
  } else {
    const maxErrors = Math.floor(PROBE * MAX_ERROR_RATE);
    const heads = searchApprox(text, exact.slice(0, PROBE), maxErrors, 50);
    const tails = searchApprox(text, exact.slice(-PROBE), maxErrors, 50);
    for (const head of heads) {
      for (const tail of tails) {
        const span = tail.end - head.start;
        if (span < length * 0.5 || span > length * 1.5) continue;
        const probeSimilarity = 1 - (head.errors + tail.errors) / (2 * PROBE);
        const lengthSimilarity = 1 - Math.abs(span - length) / length;
        consider(head.start, tail.end, (probeSimilarity + lengthSimilarity) / 2);
      }
    }
  }
  const found = best as { start: number; end: number } | null;
  return found ? toWords(text, byContext(text, found, selector.quote), selector.quote) : null;
}

/**
 * Where the match's edges are, by its context: the prefix found (fuzzily) just before the match
 * moves its start to where the prefix ends, the suffix found just after it moves its end to where
 * the suffix starts. This recovers words added or removed at the edges of the passage, which edit
 * distance alone trims off.
 */
function byContext(text: string, range: TextPositionSelector, quote: TextQuoteSelector): TextPositionSelector {
  let { start, end } = range;
  const reach = Math.max(16, Math.ceil(quote.exact.length / 2));
  if (quote.suffix.length >= 8) {
    const from = Math.max(start + 1, end - reach);
    const found = searchApprox(text.slice(from, end + reach + quote.suffix.length), quote.suffix, Math.floor(quote.suffix.length * 0.25));
    const best = found.sort((a, b) => a.errors - b.errors || Math.abs(a.start + from - end) - Math.abs(b.start + from - end))[0];
    if (best && best.start + from > start) end = best.start + from;
  }
  if (quote.prefix.length >= 8) {
    const from = Math.max(0, start - reach - quote.prefix.length);
    const found = searchApprox(text.slice(from, Math.min(end - 1, start + reach)), quote.prefix, Math.floor(quote.prefix.length * 0.25));
    const best = found.sort((a, b) => a.errors - b.errors || Math.abs(a.end + from - start) - Math.abs(b.end + from - start))[0];
    if (best && best.end + from < end) start = best.end + from;
  }
  return { start, end };
}

const wordChar = /[\p{L}\p{N}\p{M}]/u;
const isWord = (c: string | undefined) => c !== undefined && wordChar.test(c);

/**
 * Edit distance prefers the shortest match, so a fuzzy match may cut a word ("ven weeks" for a
 * quote "six weeks" now reading "seven weeks"), or start on the last letter of the word before. A
 * quote that began (ended) at a word boundary gets its match's start (end) moved to the nearest
 * boundary of the word it falls in.
 */
function toWords(text: string, range: TextPositionSelector, quote: TextQuoteSelector): TextPositionSelector {
  let { start, end } = range;
  const inWord = (at: number) => at > 0 && at < text.length && isWord(text[at - 1]) && isWord(text[at]);
  if ((!isWord(quote.prefix.slice(-1)) || !isWord(quote.exact[0])) && inWord(start)) {
    let back = start;
    while (inWord(back)) back--;
    let forward = start;
    while (isWord(text[forward])) forward++;
    while (forward < end && !isWord(text[forward])) forward++;
    start = start - back <= forward - start || forward >= end ? back : forward;
  }
  if ((!isWord(quote.suffix[0]) || !isWord(quote.exact[quote.exact.length - 1])) && inWord(end)) {
    let forward = end;
    while (inWord(forward)) forward++;
    let back = end;
    while (back > start && isWord(text[back - 1])) back--;
    while (back > start && !isWord(text[back - 1])) back--;
    end = forward - end <= end - back || back <= start ? forward : back;
  }
  return { start, end };
}

const segmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null;

/**
 * A range grown to whole characters as a reader sees them (grapheme clusters: a letter with its
 * combining marks, an emoji sequence), then trimmed of whitespace at both ends; null when nothing is left.
 */
export function tidyRange(text: string, start: number, end: number): TextPositionSelector | null {
  let s = Math.max(0, Math.min(start, text.length));
  let e = Math.max(s, Math.min(end, text.length));
  if (segmenter && e > s) {
    const segments = segmenter.segment(text);
    const first = segments.containing(s);
    if (first) s = first.index;
    if (e < text.length) {
      const last = segments.containing(e);
      if (last && last.index < e) e = last.index + last.segment.length;
    }
  } else {
    // Without Intl.Segmenter, at least never split a surrogate pair.
    if (s > 0 && /[\uDC00-\uDFFF]/.test(text[s] ?? '')) s--;
    if (e < text.length && /[\uDC00-\uDFFF]/.test(text[e] ?? '')) e++;
  }
  while (s < e && /\s/.test(text[s] as string)) s++;
  while (e > s && /\s/.test(text[e - 1] as string)) e--;
  return e > s ? { start: s, end: e } : null;
}

/**
 * Find a passage in (possibly edited) text: the exact quote first, then the old position, then a
 * fuzzy match. Null when the passage is gone.
 */
export function anchorPassage(text: string, selector: PassageSelector): Anchor | null {
  const steps: Array<[AnchorMethod, (t: string, s: PassageSelector) => TextPositionSelector | null]> = [
    ['exact', findExactQuote],
    ['position', checkPosition],
    ['fuzzy', findFuzzy],
  ];
  for (const [method, step] of steps) {
    const found = step(text, selector);
    const tidy = found && tidyRange(text, found.start, found.end);
    if (tidy) return { ...tidy, method };
  }
  return null;
}
