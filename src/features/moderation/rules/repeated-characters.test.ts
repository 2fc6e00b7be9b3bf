import { describe, expect, it } from 'vitest';
import { measureText } from '../text-signals.js';
import { repeatedCharacters } from './repeated-characters.js';

const check = (text: string) => repeatedCharacters(measureText(text), { action: 'flag', run: 10 });

describe('rule: repeated characters', () => {
  it.each(['Wow!!! That is news.', 'The budget is 1000000000 hryvnias.', 'A rule:\n\n----------\n\nthen more.', 'Loooong road.', '...........'])('passes: %s', (text) => {
    expect(check(text)).toBeNull();
  });
  it.each(['NOOOOOOOOOOOOOOO', 'why?????????????', 'hahaha!!!!!!!!!!!!'])('flags: %s', (text) => {
    expect(check(text)).toMatchObject({ action: 'flag', reason: 'repeated_characters' });
  });
});
