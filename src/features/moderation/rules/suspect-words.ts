import { type RuleAction, type Verdict, verdict } from '../verdict.js';
import { findDatasetWords, findWords, type Token, type WordList } from '../word-list.js';

/**
 * A word of the suspect list, or of obscenity's English profanity dataset when it is on, however it
 * is disguised: held for a person to look at by default.
 */
export function suspectWords(
  text: { markdown: string; tokens: readonly Token[] },
  words: { list: WordList; allowed: ReadonlySet<string>; dataset: boolean },
  setting: { action: RuleAction },
): Verdict | null {
  if (setting.action === 'off') return null;
  const found = findWords(words.list, text.tokens, words.allowed);
  if (words.dataset && found.length < 5) found.push(...findDatasetWords(text.markdown, text.tokens, words.allowed, 5 - found.length));
  return found.length ? verdict(setting.action, 'suspect_words', [...new Set(found)].join(', ')) : null;
}
