import { describe, expect, it } from 'vitest';
import { duplicate, normalise, normalisesTo } from './duplicate.js';

const recent = ['Buy cheap watches at example dot com today', 'Agreed.'];

describe('rule: duplicate of a recent comment by the same identity', () => {
  it.each([
    ['a new text', 'A different thought about the bridge entirely.'],
    ['a short text said twice', 'Agreed.'],
    ['nothing recent', 'Buy cheap watches at example dot com today'],
  ])('passes: %s', (name, text) => {
    expect(duplicate(text, name === 'nothing recent' ? [] : recent, { action: 'hold' })).toBeNull();
  });
  it.each(['Buy cheap watches at example dot com today', 'BUY cheap   watches at example-dot-com today!'])('holds: %s', (text) => {
    expect(duplicate(text, recent, { action: 'hold' })).toEqual({ action: 'hold', reason: 'duplicate' });
  });
});

describe('normalise', () => {
  it('is the regular-expression definition, on ASCII, accents, other scripts, digits, emoji and surrogates', () => {
    const reference = (text: string) =>
      text
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim();
    const samples = [
      '',
      '   ',
      '!!!',
      'Agreed.',
      '  Hello,   WORLD!! 42 times ',
      'Ídiot—ÇA VA? Ünïcödé ½ ² ٣',
      'Київ, 2026: ПРАВДА!',
      '東京は 晴れ。😀 ok 👍🏽 𝐟𝐨𝐨',
      'tabs\tand\nnewlines\r\nmixed__with--dashes',
      'İstanbul ẞ ß Σ',
    ];
    let seed = 7;
    const alphabet = [...'aZ9 .,!-_\n\tÉéЖж東😀½İ'];
    for (let n = 0; n < 300; n++) {
      let text = '';
      for (let k = 0; k < 30; k++) {
        seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
        text += alphabet[seed % alphabet.length];
      }
      samples.push(text);
    }
    for (const text of samples) expect(normalise(text)).toBe(reference(text));
  });
});

describe('normalisesTo: normalise() compared without building the whole string', () => {
  const samples = ['Hello,   World!', 'hello world', 'hello world!!', 'Hello world and more', 'héllo wörld', 'HÉLLO — WÖRLD', '𝐀 bold 𝐀', '  spaced  out  ', '', '...', 'İstanbul'];
  it.each(samples.flatMap((a) => samples.map((b) => [a, b] as const)))('agrees with normalise: %s vs %s', (a, b) => {
    expect(normalisesTo(a, normalise(b))).toBe(normalise(a) === normalise(b));
  });
});
