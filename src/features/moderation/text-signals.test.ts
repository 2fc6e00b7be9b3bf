import { describe, expect, it } from 'vitest';
import { measureText } from './text-signals.js';

/** The plain definition, one character at a time with Unicode's case and classes: what the fast path must equal. */
function reference(markdown: string) {
  let links = 0;
  const text = markdown.replace(/\b(?:https?:\/\/|www\.)[^\s<>()[\]]+/giu, () => {
    links++;
    return ' ';
  });
  const exempt = /[\p{N}\s\-_=*`~#>|.]/u;
  let letters = 0;
  let capitals = 0;
  let longestRun = 0;
  let run = 0;
  let previous = '';
  for (const ch of text) {
    if (ch.toLowerCase() !== ch.toUpperCase()) {
      letters++;
      if (ch === ch.toUpperCase()) capitals++;
    }
    run = ch === previous && !exempt.test(ch) ? run + 1 : 1;
    if (run > longestRun && !exempt.test(ch)) longestRun = run;
    previous = ch;
  }
  return { links, letters, capitals, longestRun, textLength: text.trim().length };
}

describe('text signals', () => {
  it.each([
    'Plain words, with Capitals and 1,000,000 digits.',
    'THIS IS OUTRAGEOUS!!!!!!!',
    'nooooooooooooo',
    '---- rules ---- and ==== and ```` fences',
    'See https://example.org/a?b=c and www.example.com/x for more',
    'Ünïcödé ÉTÉ çà, ΑΘΗΝΑ and кириллица',
    '𝐅𝐀𝐊𝐄 bold 𝐟𝐚𝐤𝐞 and emoji 😀😀😀😀 and ４５６',
    'tabs\t\t\tand\n\n\nnewlines   and spaces',
    '',
  ])('counts as the plain definition does: %s', (text) => {
    expect(measureText(text)).toEqual(reference(text));
  });

  it('counts links, letters, capitals and the longest run', () => {
    expect(measureText('Go to https://a.example/x NOW!!!!')).toEqual({ links: 1, letters: 7, capitals: 4, longestRun: 4, textLength: 15 });
  });
});
