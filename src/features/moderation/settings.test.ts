import { describe, expect, it } from 'vitest';
import { defaultSuspectWords } from './default-words.js';
import { cleanWordList, defaultModerationSettings, parseModerationSettings, settingsFromJson } from './settings.js';

describe('moderation settings', () => {
  it('starts a new site with the English suspect list held, the dataset on, and first-comment holding off', () => {
    const s = settingsFromJson(null);
    expect(s).toEqual(defaultModerationSettings);
    expect(s.suspectWords).toEqual({ action: 'hold', words: [...defaultSuspectWords], dataset: true });
    expect(s.firstComment.action).toBe('off');
    expect(s.bannedWords.action).toBe('reject');
  });

  it('keeps what is valid and defaults the rest', () => {
    const s = parseModerationSettings({ links: { action: 'reject', max: '5' }, shouting: { action: 'nonsense', percent: 500 }, tooFast: 'x', extra: 1 });
    expect(s.links).toEqual({ action: 'reject', max: 5 });
    expect(s.shouting).toEqual({ action: 'hold', minLetters: 24, percent: 100 });
    expect(s.tooFast).toEqual(defaultModerationSettings.tooFast);
    expect(Object.keys(s)).not.toContain('extra');
  });

  it('cleans word lists: lines or commas, lower case, single spaces, no duplicates', () => {
    expect(cleanWordList('Idiot\n  kill   yourself \nidiot,  crap\n\n')).toEqual(['idiot', 'kill yourself', 'crap']);
    expect(cleanWordList(['A', 3, 'a'])).toEqual(['a']);
  });

  it('survives a hand-edited, unreadable value', () => {
    expect(settingsFromJson('{not json')).toEqual(defaultModerationSettings);
  });
});
