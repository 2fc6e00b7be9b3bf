import { type ModerationSettings, settingsFromJson } from './settings.js';
import { compileWordList, prepareEnglishDataset, type WordList } from './word-list.js';

/** Settings with their word lists compiled: what the pipeline runs on. */
export interface CompiledModeration {
  settings: ModerationSettings;
  banned: WordList;
  suspect: WordList;
  allowed: ReadonlySet<string>;
}

export function compileModeration(settings: ModerationSettings): CompiledModeration {
  if (settings.suspectWords.dataset) prepareEnglishDataset();
  return {
    settings,
    banned: compileWordList(settings.bannedWords.words),
    suspect: compileWordList(settings.suspectWords.words),
    allowed: new Set(settings.allowedWords),
  };
}

/** Compiled settings by their stored JSON text: compiling happens once per settings change. */
const cache = new Map<string, CompiledModeration>();
const CACHE_SIZE = 8;

export function compiledFromJson(json: string | null): CompiledModeration {
  const key = json ?? '';
  const hit = cache.get(key);
  if (hit) return hit;
  const compiled = compileModeration(settingsFromJson(json));
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(key, compiled);
  return compiled;
}
