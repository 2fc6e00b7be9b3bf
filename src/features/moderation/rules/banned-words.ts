import { type RuleAction, type Verdict, verdict } from '../verdict.js';
import { findWords, type Token, type WordList } from '../word-list.js';

/** A word of the banned list, however it is disguised ("id1ot", "cr-p", "f'king"): rejected by default. */
export function bannedWords(tokens: readonly Token[], words: { list: WordList; allowed: ReadonlySet<string> }, setting: { action: RuleAction }): Verdict | null {
  if (setting.action === 'off') return null;
  const found = findWords(words.list, tokens, words.allowed);
  return found.length ? verdict(setting.action, 'banned_words', found.join(', ')) : null;
}
