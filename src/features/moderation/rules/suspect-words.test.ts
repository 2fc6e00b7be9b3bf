import { describe, expect, it } from 'vitest';
import { defaultSuspectWords } from '../default-words.js';
import { compileWordList, tokenize } from '../word-list.js';
import { suspectWords } from './suspect-words.js';

const list = compileWordList(defaultSuspectWords);
const check = (markdown: string, dataset = true) => suspectWords({ markdown, tokens: tokenize(markdown) }, { list, allowed: new Set(['scunthorpe']), dataset }, { action: 'hold' });

describe('rule: suspect words (held), the default English list and obscenity’s dataset', () => {
  it.each([
    'The power plant was shelled again overnight.',
    'Thanks for the report, very informative.',
    'Assessment of the classic bass guitar in Scunthorpe.',
    'The pen is mightier; analysis follows.',
    // Numbers are not words, even when their digits spell one in leetspeak (455 → "ass").
    'See page 455 of the report.',
    'The score was 3-455 at half time, 0.45566495649308547 per cent.',
    'Call @455 or $455!',
  ])('passes: %s', (text) => {
    expect(check(text)).toBeNull();
  });

  it.each([
    ['our list, leetspeak', 'what an id1ot', 'idiot'],
    ['our list, a masked letter', 'this is cr-p', 'crap'],
    ['our list, a phrase', 'go die in a fire', 'die in a fire'],
    ['the dataset', 'this is fucking awful', 'fuck'],
    ['the dataset, an apostrophe for letters', "this f'king mess", 'fuck'],
    ['the dataset, symbols', 'what a sh!t show', 'shit'],
    ['the dataset, dotted letters', 'f.u.c.k this', 'fuck'],
    ['the dataset, digits inside a word', 'what a 5h1t show', 'shit'],
  ])('holds: %s', (_name, text, word) => {
    const verdict = check(text);
    expect(verdict).toMatchObject({ action: 'hold', reason: 'suspect_words' });
    expect(verdict?.detail?.split(', ')).toContain(word);
  });

  it('leaves the dataset out when it is turned off', () => {
    expect(check('this is fucking awful', false)).toBeNull();
    expect(check('what an idiot', false)).toMatchObject({ detail: 'idiot' });
  });
});
