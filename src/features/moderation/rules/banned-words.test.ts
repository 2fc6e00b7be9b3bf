import { describe, expect, it } from 'vitest';
import { compileWordList, tokenize } from '../word-list.js';
import { bannedWords } from './banned-words.js';

const list = compileWordList(['idiot', 'crap', 'fucking', 'kill yourself', 'muppet']);
const check = (text: string, allowed: string[] = []) => bannedWords(tokenize(text), { list, allowed: new Set(allowed) }, { action: 'reject' });

describe('rule: banned words (rejected), robust to obfuscation', () => {
  it.each([
    'The bridge reopened this morning.',
    'Crop circles and scrap metal in Scunthorpe.',
    'I don’t think the idea is idiotproof', // not a word of the list
    'Cramp, crepe, crisp.',
    'The kill count yesterday, yourself included, was zero.',
  ])('passes: %s', (text) => {
    expect(check(text)).toBeNull();
  });

  it.each([
    ['plain', 'You are an idiot.', 'idiot'],
    ['capitals', 'IDIOT', 'idiot'],
    ['leetspeak digit', 'what an id1ot', 'idiot'],
    ['a letter masked with a dash', 'this is cr-p', 'crap'],
    ['letters masked with stars', 'total c**p', 'crap'],
    ['letters masked with an apostrophe', "this f'king mess", 'fucking'],
    ['spaced letters', 'you i d i o t', 'idiot'],
    ['stretched letters', 'idiooooot', 'idiot'],
    ['an accent', 'ídiot', 'idiot'],
    ['a Cyrillic look-alike', 'іdiot', 'idiot'],
    ['a plural', 'muppets, all of you', 'muppet'],
    ['a phrase', 'Just kill  yourself', 'kill yourself'],
  ])('rejects: %s', (_name, text, word) => {
    expect(check(text)).toEqual({ action: 'reject', reason: 'banned_words', detail: word });
  });

  it('never matches an allowed word', () => {
    expect(check('Crap Island is a real place', ['crap'])).toBeNull();
  });

  it('does nothing when turned off or with an empty list', () => {
    expect(bannedWords(tokenize('idiot'), { list, allowed: new Set() }, { action: 'off' })).toBeNull();
    expect(bannedWords(tokenize('idiot'), { list: compileWordList([]), allowed: new Set() }, { action: 'reject' })).toBeNull();
  });
});
