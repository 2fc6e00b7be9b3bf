import type { CompiledModeration } from './compile.js';
import { type BanEntry, banned, type Who } from './rules/banned.js';
import { bannedWords } from './rules/banned-words.js';
import { discussionClosed } from './rules/discussion-closed.js';
import { duplicate } from './rules/duplicate.js';
import { firstComment } from './rules/first-comment.js';
import { honeypot } from './rules/honeypot.js';
import { repeatedCharacters } from './rules/repeated-characters.js';
import { shouting } from './rules/shouting.js';
import { spamScore } from './rules/spam-score.js';
import { suspectWords } from './rules/suspect-words.js';
import { tooFast } from './rules/too-fast.js';
import { tooManyLinks } from './rules/too-many-links.js';
import { measureText, type TextSignals } from './text-signals.js';
import { type Flag, spamReasons, type Verdict } from './verdict.js';
import { type Token, tokenize } from './word-list.js';

/** Everything any rule may need about one new or edited comment; each rule takes only its part. */
export interface ModerationInput {
  kind: 'create' | 'edit';
  /** UTC ISO. */
  now: string;
  markdown: string;
  tokens: readonly Token[];
  signals: TextSignals;
  article: { open: boolean };
  who: Who;
  /** Bans that may concern this identity (active or not: the rule checks). */
  bans: readonly BanEntry[];
  history: {
    /** The identity's earlier comments, anywhere, whatever became of them. */
    previousComments: number;
    lastPostedAt: string | null;
    /** Texts of the identity's comments within the duplicate window. */
    recentBodies: readonly string[];
    /** When the identity was created (guest) or the account opened. */
    firstSeenAt: string | null;
  };
  /** The form's hidden field ('' when absent). */
  honeypot: string;
}

/** Build the input: the text is measured and split into words once, for every rule. */
export function prepareInput(raw: Omit<ModerationInput, 'tokens' | 'signals'>): ModerationInput {
  return { ...raw, tokens: tokenize(raw.markdown), signals: measureText(raw.markdown) };
}

export interface PipelineRule {
  name: string;
  /** 'create': new comments only (an edit is not a new post: no honeypot, pace or duplicate). */
  on: 'create' | 'always';
  check(input: ModerationInput, config: CompiledModeration, earlier: readonly Verdict[]): Verdict | null;
}

/**
 * The rules, in order. Adding a rule is adding a file in rules/ and a line here (docs/moderation.md).
 * The spam score comes last: it weighs what the others found.
 */
export const pipelineRules: readonly PipelineRule[] = [
  { name: 'discussion-closed', on: 'always', check: (i, c) => discussionClosed(i.article, c.settings.closed) },
  { name: 'banned', on: 'always', check: (i, c) => banned(i.who, i.bans, i.now, c.settings.bans) },
  { name: 'honeypot', on: 'create', check: (i, c) => honeypot(i.honeypot, c.settings.honeypot) },
  { name: 'banned-words', on: 'always', check: (i, c) => bannedWords(i.tokens, { list: c.banned, allowed: c.allowed }, c.settings.bannedWords) },
  {
    name: 'suspect-words',
    on: 'always',
    check: (i, c) => suspectWords(i, { list: c.suspect, allowed: c.allowed, dataset: c.settings.suspectWords.dataset }, c.settings.suspectWords),
  },
  { name: 'too-many-links', on: 'always', check: (i, c) => tooManyLinks(i.signals, c.settings.links) },
  { name: 'first-comment', on: 'create', check: (i, c) => firstComment(i.history, c.settings.firstComment) },
  { name: 'duplicate', on: 'create', check: (i, c) => duplicate(i.markdown, i.history.recentBodies, c.settings.duplicate) },
  { name: 'too-fast', on: 'create', check: (i, c) => tooFast(i.history, i.now, c.settings.tooFast) },
  { name: 'shouting', on: 'always', check: (i, c) => shouting(i.signals, c.settings.shouting) },
  { name: 'repeated-characters', on: 'always', check: (i, c) => repeatedCharacters(i.signals, c.settings.repeatedCharacters) },
  {
    name: 'spam-score',
    on: 'always',
    check: (i, c, earlier) =>
      spamScore({ signals: i.signals, earlier, identityAgeMs: i.history.firstSeenAt ? Date.parse(i.now) - Date.parse(i.history.firstSeenAt) : null }, c.settings.spamScore),
  },
];

/** What becomes of the comment. */
export type ModerationStatus = 'published' | 'pending' | 'rejected' | 'spam' | 'shadow';

export interface PipelineResult {
  status: ModerationStatus;
  /** Every verdict, with its rule, as stored on the comment. */
  flags: Flag[];
  /** Rules that threw (logged and skipped; the comment is then held). */
  failed: string[];
}

/**
 * The strictest verdict wins: any reject (as spam when a spam signal rejected it), else any hold,
 * else a shadow-ban keeps it to its author, else it is published. Flags alone publish.
 */
export function decideStatus(flags: readonly Verdict[]): ModerationStatus {
  const rejects = flags.filter((f) => f.action === 'reject');
  if (rejects.length) return rejects.some((f) => spamReasons.has(f.reason)) ? 'spam' : 'rejected';
  if (flags.some((f) => f.action === 'hold')) return 'pending';
  if (flags.some((f) => f.reason === 'shadow_banned')) return 'shadow';
  return 'published';
}

/**
 * Run the rules over one comment. Pure but for `onRuleError`: a rule that throws is reported there
 * and skipped, and the comment is held for a person to look at (a crash never blocks a good
 * comment, nor lets a bad one through unseen).
 */
export function runPipeline(
  input: ModerationInput,
  config: CompiledModeration,
  options: { rules?: readonly PipelineRule[]; onRuleError?: (rule: string, error: unknown) => void } = {},
): PipelineResult {
  const flags: Flag[] = [];
  const failed: string[] = [];
  for (const rule of options.rules ?? pipelineRules) {
    if (rule.on === 'create' && input.kind !== 'create') continue;
    try {
      const found = rule.check(input, config, flags);
      if (found) flags.push({ ...found, rule: rule.name });
    } catch (error) {
      failed.push(rule.name);
      options.onRuleError?.(rule.name, error);
    }
  }
  if (failed.length) flags.push({ rule: 'pipeline', action: 'hold', reason: 'rule_failed', detail: failed.join(', ') });
  return { status: decideStatus(flags), flags, failed };
}
