import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index.js';
import { defaultSuspectWords } from './default-words.js';
import type { RuleAction } from './verdict.js';

/**
 * How each rule of the pipeline is set up (docs/moderation.md). Stored as ONE JSON value in
 * `settings` under the key 'moderation'; anything missing or malformed falls back to its default.
 */
export interface ModerationSettings {
  /** Comments on a closed discussion (also refused before the pipeline; this covers races). */
  closed: { action: RuleAction };
  /** Banned accounts, guest identities, email addresses and IP ranges. */
  bans: { action: RuleAction };
  /** Words that are never acceptable: the comment is rejected. */
  bannedWords: { action: RuleAction; words: string[] };
  /** Words that need a person to look: the comment is held. `dataset`: obscenity's English profanity list counts as suspect words. */
  suspectWords: { action: RuleAction; words: string[]; dataset: boolean };
  /** Words never matched by either list (a town called Scunthorpe). */
  allowedWords: string[];
  /** More than `max` links. */
  links: { action: RuleAction; max: number };
  /** The first comment of an identity (pre-moderation of newcomers). Off by default. */
  firstComment: { action: RuleAction };
  /** The same text as another comment by the same identity within `windowMinutes`. */
  duplicate: { action: RuleAction; windowMinutes: number };
  /** Less than `seconds` after the identity's previous comment. */
  tooFast: { action: RuleAction; seconds: number };
  /** At least `minLetters` letters, `percent` % or more of them capitals. */
  shouting: { action: RuleAction; minLetters: number; percent: number };
  /** The same character `run` times in a row or more. */
  repeatedCharacters: { action: RuleAction; run: number };
  /** The form's hidden field, which only robots fill in. */
  honeypot: { action: RuleAction };
  /** Signals added up (see rules/spam-score.ts): held from `hold` points, rejected as spam from `reject`; 0 = never. */
  spamScore: { hold: number; reject: number };
  /** Readers' reports: a published comment with this many open reports is held; 0 = never. */
  reports: { holdAt: number };
}

export const defaultModerationSettings: ModerationSettings = {
  closed: { action: 'reject' },
  bans: { action: 'reject' },
  bannedWords: { action: 'reject', words: [] },
  suspectWords: { action: 'hold', words: [...defaultSuspectWords], dataset: true },
  allowedWords: [],
  links: { action: 'hold', max: 2 },
  firstComment: { action: 'off' },
  duplicate: { action: 'hold', windowMinutes: 60 },
  tooFast: { action: 'flag', seconds: 15 },
  shouting: { action: 'hold', minLetters: 24, percent: 70 },
  repeatedCharacters: { action: 'flag', run: 10 },
  honeypot: { action: 'reject' },
  spamScore: { hold: 6, reject: 10 },
  reports: { holdAt: 3 },
};

export const SETTINGS_KEY = 'moderation';
/** Words per list: 2,000 is the benchmarked size; this leaves room. */
export const MAX_WORDS = 10_000;
export const MAX_WORD_LENGTH = 60;

const actions: readonly RuleAction[] = ['off', 'flag', 'hold', 'reject'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function action(value: unknown, fallback: RuleAction): RuleAction {
  return typeof value === 'string' && (actions as readonly string[]).includes(value) ? (value as RuleAction) : fallback;
}

function whole(value: unknown, min: number, max: number, fallback: number): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  return Number.isFinite(n) ? Math.min(max, Math.max(min, Math.trunc(n))) : fallback;
}

/** A word list as stored: trimmed, lower-cased, single-spaced, without duplicates or empty lines. */
export function cleanWordList(value: unknown, fallback: readonly string[] = []): string[] {
  const raw = typeof value === 'string' ? value.split(/[\n,]/) : Array.isArray(value) ? value : null;
  if (!raw) return [...fallback];
  const out = new Set<string>();
  for (const item of raw) {
    if (typeof item !== 'string') continue;
    const word = item.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
    if (word && word.length <= MAX_WORD_LENGTH) out.add(word);
    if (out.size >= MAX_WORDS) break;
  }
  return [...out];
}

/** Settings from anything (a stored JSON value, a form): unknown keys dropped, each value checked or defaulted. */
export function parseModerationSettings(value: unknown): ModerationSettings {
  const v = isRecord(value) ? value : {};
  const part = (key: keyof ModerationSettings) => (isRecord(v[key]) ? (v[key] as Record<string, unknown>) : {});
  const d = defaultModerationSettings;
  return {
    closed: { action: action(part('closed').action, d.closed.action) },
    bans: { action: action(part('bans').action, d.bans.action) },
    bannedWords: { action: action(part('bannedWords').action, d.bannedWords.action), words: cleanWordList(part('bannedWords').words, d.bannedWords.words) },
    suspectWords: {
      action: action(part('suspectWords').action, d.suspectWords.action),
      words: cleanWordList(part('suspectWords').words, d.suspectWords.words),
      dataset: typeof part('suspectWords').dataset === 'boolean' ? (part('suspectWords').dataset as boolean) : d.suspectWords.dataset,
    },
    allowedWords: cleanWordList(v.allowedWords, d.allowedWords),
    links: { action: action(part('links').action, d.links.action), max: whole(part('links').max, 0, 100, d.links.max) },
    firstComment: { action: action(part('firstComment').action, d.firstComment.action) },
    duplicate: { action: action(part('duplicate').action, d.duplicate.action), windowMinutes: whole(part('duplicate').windowMinutes, 1, 7 * 24 * 60, d.duplicate.windowMinutes) },
    tooFast: { action: action(part('tooFast').action, d.tooFast.action), seconds: whole(part('tooFast').seconds, 1, 3600, d.tooFast.seconds) },
    shouting: {
      action: action(part('shouting').action, d.shouting.action),
      minLetters: whole(part('shouting').minLetters, 1, 10_000, d.shouting.minLetters),
      percent: whole(part('shouting').percent, 1, 100, d.shouting.percent),
    },
    repeatedCharacters: { action: action(part('repeatedCharacters').action, d.repeatedCharacters.action), run: whole(part('repeatedCharacters').run, 3, 1000, d.repeatedCharacters.run) },
    honeypot: { action: action(part('honeypot').action, d.honeypot.action) },
    spamScore: { hold: whole(part('spamScore').hold, 0, 1000, d.spamScore.hold), reject: whole(part('spamScore').reject, 0, 1000, d.spamScore.reject) },
    reports: { holdAt: whole(part('reports').holdAt, 0, 1000, d.reports.holdAt) },
  };
}

/** The stored JSON text of the settings (null: never saved, the defaults apply). */
export async function getModerationSettingsJson(db: Kysely<DB>): Promise<string | null> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', SETTINGS_KEY).executeTakeFirst();
  return row?.value ?? null;
}

export function settingsFromJson(json: string | null): ModerationSettings {
  if (json === null) return parseModerationSettings({});
  try {
    return parseModerationSettings(JSON.parse(json));
  } catch {
    return parseModerationSettings({});
  }
}
