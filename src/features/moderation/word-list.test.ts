import { describe, expect, it } from 'vitest';
import { englishDatasetForTests } from './word-list.js';

// The prefilter may only ever say "might match" too often, never too rarely: a false "no" would let
// a word of obscenity's dataset through unheld.
const texts = [
  'The power plant was shelled again overnight; crews restored water by the evening.',
  'Assessment of the classic bass guitar in Scunthorpe.',
  'this is fucking awful',
  "this f'king mess",
  'what a sh!t show',
  'f.u.c.k this',
  'F U C K',
  'you absolute b1tch',
  'what a 5h1t show',
  'a cunning plan, analysed in a Sussex cockpit',
  'Shiitake mushrooms and a titanic wave',
  'ﬁne, 𝐟𝐮𝐜𝐤 it',
  'fuuuuuuck',
  'arse',
  'page 455',
  '',
];

describe('obscenity’s dataset, prefiltered', () => {
  const { matcher, mightMatch, prefiltered } = englishDatasetForTests();

  it('uses the one-expression prefilter (obscenity’s internals are where this version keeps them)', () => {
    expect(prefiltered).toBe(true);
  });

  it.each(texts)('never misses what the matcher finds: %s', (text) => {
    if (matcher.hasMatch(text)) expect(mightMatch(text)).toBe(true);
  });

  it('lets clean text stop at the prefilter, and finds the dirty ones', () => {
    expect(mightMatch('The power plant was shelled again overnight.')).toBe(false);
    expect(mightMatch('this is fucking awful')).toBe(true);
    expect(texts.filter((t) => matcher.hasMatch(t)).length).toBeGreaterThanOrEqual(8);
  });
});
