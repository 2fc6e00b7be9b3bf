import { englishDataset, englishRecommendedTransformers, RegExpMatcher, resolveConfusablesTransformer, resolveLeetSpeakTransformer } from 'obscenity';

/**
 * Word lists that see through obfuscation, compiled once per settings change (see compile.ts):
 * our own lists (banned, suspect, allowed) are matched word by word through a few Map lookups per
 * word, so 2,000 words cost no more than 20; obscenity's English dataset is matched with its own
 * transformers. Both see through:
 *  - look-alike letters (Cyrillic а, 𝐟) and leetspeak ("id1ot", "$hit"), with obscenity's transformers;
 *  - masked letters ("cr-p", "f'king", "f**k"): a run of symbols inside a word stands for 1–3 letters;
 *  - spaced or dotted letters ("i d i o t", "f.u.c.k"), stretched letters ("idiooooot"),
 *    accents ("ídiot"), case, and a few English endings ("idiots", "idiotic").
 */
export interface WordList {
  size: number;
  /** Normalised word → the entry as written in the list. */
  words: Map<string, string>;
  /** Word with repeated letters collapsed → entries (for "idiooooot"). */
  collapsed: Map<string, Array<{ entry: string; length: number }>>;
  /** First and last letter → words (for masked words: "c*p" looks only at words c…p). */
  ends: Map<string, string[]>;
  /** Phrases of several words, by their first word. */
  phrases: Map<string, string[][]>;
  /** The first three letters of every single-word entry: a word starting otherwise has no entry as its stem. */
  stems: Set<string>;
}

export interface Token {
  /** Normalised: lower case, look-alikes and leetspeak resolved, masks as '*'. */
  form: string;
  /** The raw text, for obscenity's dataset when the token was masked. */
  raw: string;
}

const confusable = resolveConfusablesTransformer().transform;
const leet = resolveLeetSpeakTransformer().transform;
const maskChars = new Set([...`'’‘-_.*"~^#+\``]);
const leetSymbols = new Set(['$', '@', '!', '|']);
const suffixes = ['s', 'es', 'ed', 'd', 'ing', 'er', 'ers', 'y', 'ly', 'ic', 'ish'];
const letterPattern = /\p{L}/u;
/** ASCII answered by arithmetic (most of every comment); the rest by case, then Unicode's letter class. */
const isLetter = (ch: string) => {
  const code = ch.charCodeAt(0);
  if (code < 128) return ((code | 32) >= 97 && (code | 32) <= 122);
  return ch.toLowerCase() !== ch.toUpperCase() || letterPattern.test(ch);
};
const isDigit = (ch: string) => ch >= '0' && ch <= '9';

/** One character, resolved: a look-alike to its letter, lower case. */
function plainChar(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  const resolved = code < 128 ? code : confusable(code);
  return resolved === undefined ? '' : String.fromCodePoint(resolved).toLowerCase();
}

function leetChar(ch: string): string {
  const resolved = leet(ch.codePointAt(0) ?? 0);
  return resolved === undefined ? '' : String.fromCodePoint(resolved);
}

function collapse(word: string): string {
  let out = '';
  for (const ch of word) if (ch !== out[out.length - 1]) out += ch;
  return out;
}

/** True when a letter is doubled somewhere ("idiooot"): only then can collapsing find a stretched word. */
function hasRun(word: string): boolean {
  for (let i = 1; i < word.length; i++) if (word.charCodeAt(i) === word.charCodeAt(i - 1)) return true;
  return false;
}

/** Accents off (NFKD without combining marks), so "ídiot" is "idiot". */
function stripMarks(text: string): string {
  return /[^\u0000-\u007f]/.test(text) ? text.normalize('NFKD').replace(/\p{M}/gu, '') : text;
}

/** A list entry, normalised like the text will be (without leetspeak: entries are real words). */
function normaliseEntry(entry: string): string[] {
  return stripMarks(entry)
    .split(/\s+/)
    .map((w) => [...w].map(plainChar).join(''))
    .filter(Boolean);
}

export function compileWordList(entries: readonly string[]): WordList {
  const list: WordList = { size: 0, words: new Map(), collapsed: new Map(), ends: new Map(), phrases: new Map(), stems: new Set() };
  for (const entry of entries) {
    const parts = normaliseEntry(entry);
    const [first] = parts;
    if (first === undefined) continue;
    list.size++;
    if (parts.length > 1) {
      const phrases = list.phrases.get(first) ?? [];
      phrases.push(parts);
      list.phrases.set(first, phrases);
      continue;
    }
    list.words.set(first, entry);
    list.stems.add(first.slice(0, 3));
    const c = collapse(first);
    const same = list.collapsed.get(c) ?? [];
    same.push({ entry, length: first.length });
    list.collapsed.set(c, same);
    const key = `${first[0]}${first[first.length - 1]}`;
    const bucket = list.ends.get(key) ?? [];
    bucket.push(first);
    list.ends.set(key, bucket);
  }
  return list;
}

/** What a character is to the tokenizer. */
const enum Kind {
  Other = 0,
  Letter = 1,
  Digit = 2,
  Leet = 3,
  Mask = 4,
}
/** ASCII answered from tables (most of every comment): the kind, and a letter or digit's normal form. */
const asciiKind = new Uint8Array(128);
const asciiForm: string[] = [];
for (let code = 0; code < 128; code++) {
  const ch = String.fromCharCode(code);
  asciiKind[code] = isLetter(ch) ? Kind.Letter : isDigit(ch) ? Kind.Digit : leetSymbols.has(ch) ? Kind.Leet : maskChars.has(ch) ? Kind.Mask : Kind.Other;
  asciiForm[code] = asciiKind[code] === Kind.Letter ? plainChar(ch) : asciiKind[code] === Kind.Digit || asciiKind[code] === Kind.Leet ? leetChar(ch) : '*';
}
function kindOf(code: number, ch: string): Kind {
  if (code < 128) return asciiKind[code] as Kind;
  return isLetter(ch) ? Kind.Letter : maskChars.has(ch) ? Kind.Mask : Kind.Other;
}

/** The words of a text, normalised. Numbers alone are not words. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const s = stripMarks(text);
  const n = s.length;
  let i = 0;
  while (i < n) {
    // A run of word characters: letters, digits, leet symbols, masks (by code point).
    const runStart = i;
    let lastWordEnd = -1; // end of the last letter or digit in the run
    let firstNonMask = -1; // start of the first character that is not a mask
    let hasLetter = false;
    while (i < n) {
      const code = s.codePointAt(i) as number;
      const width = code > 0xffff ? 2 : 1;
      const kind = kindOf(code, code < 128 ? '' : s.slice(i, i + width));
      if (kind === Kind.Other) break;
      if (kind !== Kind.Mask && firstNonMask < 0) firstNonMask = i;
      if (kind === Kind.Letter || kind === Kind.Digit) lastWordEnd = i + width;
      if (kind === Kind.Letter) hasLetter = true;
      i += width;
    }
    if (i === runStart) {
      i += (s.codePointAt(i) as number) > 0xffff ? 2 : 1;
      continue;
    }
    // Trim: a word ends with a letter or digit; it may start with a leet symbol ("$hit", "@ss").
    if (!hasLetter || lastWordEnd < 0 || firstNonMask < 0 || firstNonMask >= lastWordEnd) continue;
    const start = firstNonMask;
    const end = lastWordEnd;
    let form = '';
    let letters = false;
    for (let k = start; k < end; ) {
      const code = s.codePointAt(k) as number;
      const width = code > 0xffff ? 2 : 1;
      let mapped: string;
      if (code < 128) {
        mapped = asciiForm[code] as string;
        if (asciiKind[code] === Kind.Letter) letters = true;
      } else {
        const ch = s.slice(k, k + width);
        if (isLetter(ch)) {
          mapped = plainChar(ch);
          letters = true;
        } else {
          mapped = '*';
        }
      }
      k += width;
      if (mapped === '*' && form.endsWith('*')) continue;
      form += mapped;
    }
    if (letters && form) tokens.push({ form, raw: s.slice(start, end) });
  }
  return tokens;
}

/** The entry `word` stands for: itself, with an English ending, or stretched ("idiooot"). */
function lookup(list: WordList, word: string): string | undefined {
  const direct = list.words.get(word);
  if (direct !== undefined) return direct;
  // A stem is at least three letters long and starts as the word does.
  if (list.stems.has(word.slice(0, 3))) {
    for (const suffix of suffixes) {
      if (word.length - suffix.length >= 3 && word.endsWith(suffix)) {
        const stem = list.words.get(word.slice(0, -suffix.length));
        if (stem !== undefined) return stem;
      }
    }
  }
  // A word without a doubled letter is its own collapsed form, and no entry is shorter than it.
  if (!hasRun(word)) return undefined;
  const stretched = list.collapsed.get(collapse(word));
  return stretched?.find((c) => word.length > c.length)?.entry;
}

/** A masked word ("cr*p"): each run of '*' stands for one to three letters. */
function lookupMasked(list: WordList, form: string): string | undefined {
  const first = form[0];
  const last = form[form.length - 1];
  if (!first || !last || first === '*' || last === '*') return undefined;
  const bucket = list.ends.get(`${first}${last}`);
  if (!bucket) return undefined;
  const pattern = new RegExp(`^${form.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\p{L}{1,3}')}$`, 'u');
  const word = bucket.find((w) => pattern.test(w));
  return word === undefined ? undefined : list.words.get(word);
}

/**
 * The entries of `list` found in `tokens`, at most `limit`, in order of appearance; a word in
 * `allowed` is never matched.
 */
export function findWords(list: WordList, tokens: readonly Token[], allowed: ReadonlySet<string>, limit = 5): string[] {
  if (list.size === 0) return [];
  const found = new Set<string>();
  const add = (entry: string | undefined) => {
    if (entry !== undefined) found.add(entry);
  };
  let singles: string[] = [];
  const flushSingles = () => {
    // "i d i o t": three or more one-letter words in a row are read as one word.
    if (singles.length >= 3) add(lookup(list, singles.join('')));
    singles = [];
  };
  for (let i = 0; i < tokens.length && found.size < limit; i++) {
    const { form } = tokens[i] as Token;
    if (form.length === 1) singles.push(form);
    else flushSingles();
    if (allowed.has(form)) continue;
    if (form.includes('*')) {
      const parts = form.split('*');
      // "f.u.c.k": letters separated by dots are one word.
      if (parts.every((p) => p.length === 1)) add(lookup(list, parts.join('')));
      add(lookupMasked(list, form));
      for (const part of parts) if (part.length > 1 && !allowed.has(part)) add(lookup(list, part));
    } else {
      add(lookup(list, form));
    }
    const phrases = list.phrases.get(form);
    if (phrases) {
      for (const phrase of phrases) {
        if (phrase.every((w, k) => tokens[i + k]?.form === w)) add(phrase.join(' '));
      }
    }
  }
  flushSingles();
  return [...found].slice(0, limit);
}

interface Dataset {
  matcher: RegExpMatcher;
  built: ReturnType<typeof englishDataset.build>;
  /**
   * False only when no term of the dataset can match `text`: one pass of obscenity's own
   * transformers and ONE regular expression (the alternation of its 119 terms' expressions), where
   * `hasMatch` transforms the text twice (terms and whitelist) and runs 119 expressions. Most
   * comments are clean, so most stop here; the rest get obscenity's full answer.
   */
  mightMatch(text: string): boolean;
  /** Whether the shortcut is on (obscenity's internals as this version has them). */
  prefiltered: boolean;
}

let dataset: Dataset | null = null;

/** obscenity 0.4's matcher internals the prefilter reuses (pinned version; checked at start). */
interface MatcherInternals {
  blacklistedTerms?: Array<{ regExp: RegExp }>;
  blacklistMatcherTransformers?: unknown;
  applyTransformers?: (input: string, transformers: unknown) => [number[], string];
}

/** obscenity's English dataset and matcher: built once per process (a few milliseconds). */
function englishMatcher(): Dataset {
  if (!dataset) {
    const built = englishDataset.build();
    const matcher = new RegExpMatcher({ ...built, ...englishRecommendedTransformers });
    const internals = matcher as unknown as MatcherInternals;
    const terms = internals.blacklistedTerms;
    const transform = internals.applyTransformers;
    if (Array.isArray(terms) && terms.every((t) => t.regExp instanceof RegExp) && typeof transform === 'function') {
      const any = new RegExp(terms.map((t) => `(?:${t.regExp.source})`).join('|'), 's');
      const transformers = internals.blacklistMatcherTransformers;
      dataset = { built, matcher, prefiltered: true, mightMatch: (text) => any.test(transform.call(matcher, text, transformers)[1]) };
    } else {
      dataset = { built, matcher, prefiltered: false, mightMatch: () => true };
    }
  }
  return dataset;
}

/** For tests: the dataset's prefilter and matcher. */
export function englishDatasetForTests(): Pick<Dataset, 'matcher' | 'mightMatch' | 'prefiltered'> {
  return englishMatcher();
}

/** Warm the dataset up (at start-up or in a benchmark), so no comment pays for building it. */
export function prepareEnglishDataset(): void {
  englishMatcher();
}

/** The word around a match in `text`, lower-cased (for the allowed list). */
function wordAround(text: string, start: number, end: number): string {
  let a = start;
  let b = end + 1;
  while (a > 0 && isLetter(text[a - 1] as string)) a--;
  while (b < text.length && isLetter(text[b] as string)) b++;
  return text.slice(a, b).toLowerCase();
}

/** A run of word characters: letters, digits, leetspeak symbols and masks. */
const wordRun = /[\p{L}\p{N}$@!|'’‘\-_.*"~^#+`]+/gu;
const hasLetter = /\p{L}/u;

/**
 * `text` with its numbers blanked out, lengths kept (so match positions still point into `text`):
 * a run without a letter is a number, never a word, however its digits read in leetspeak
 * ("page 455" is not "page ass"), as in tokenize(). Digits inside a word ("a55") stay.
 */
function blankNumbers(text: string): string {
  if (!/[0-9]/.test(text)) return text;
  return text.replace(wordRun, (run) => (hasLetter.test(run) ? run : ' '.repeat(run.length)));
}

/** Words of obscenity's English dataset in `text` (and in its masked words, unmasked: "f'king" → "fking"). */
export function findDatasetWords(text: string, tokens: readonly Token[], allowed: ReadonlySet<string>, limit = 5): string[] {
  const { matcher, mightMatch } = englishMatcher();
  const found = new Set<string>();
  const collect = (source: string, checkAllowed: boolean) => {
    if (!mightMatch(source)) return;
    for (const match of matcher.getAllMatches(source, true)) {
      if (checkAllowed && allowed.size && allowed.has(wordAround(source, match.startIndex, match.endIndex))) continue;
      const word = englishDataset.getPayloadWithPhraseMetadata(match).phraseMetadata?.originalWord;
      if (word) found.add(word);
      if (found.size >= limit) return;
    }
  };
  collect(blankNumbers(text), true);
  for (const token of tokens) {
    if (found.size >= limit) break;
    if (!token.form.includes('*') || allowed.has(token.form)) continue;
    collect([...token.raw].filter((ch) => !maskChars.has(ch)).join(''), false);
  }
  return [...found];
}
