import { describe, expect, it } from 'vitest';
import { TextModelBuilder } from './text-model.js';

/** Pieces of text with their blocks, as the server and the browser feed them. */
const pieces: Array<[string, number]> = [
  ['  The  ferry\t', 1],
  ['will run', 1],
  ['\n  ', 1],
  [' & buses  wait ', 1],
  ['   ', 2],
  ['one two\r\nthree', 3],
  [' ', 3],
  ['', 3],
  ['four', 3],
];

function build(capacity: number) {
  const builder = new TextModelBuilder(capacity);
  for (const [text, block] of pieces) builder.add(text, block);
  const model = builder.finish();
  return { text: model.text, segments: model.segments, maps: model.maps.map((m) => [...m]) };
}

describe('the text model builder', () => {
  it('collapses whitespace runs to one space, trims lines, and starts a line per block', () => {
    const { text, segments } = build(0);
    expect(text).toBe('The ferry will run & buses wait\none two three four');
    expect(segments.map((s) => [s.start, s.end, s.block])).toEqual([
      [0, 31, 1],
      [32, 50, 3],
    ]);
  });

  it('maps every source character to its place in the text, whitespace runs to their one space, trimmed ones to -1', () => {
    const { maps } = build(0);
    expect(maps[0]).toEqual([-1, -1, 0, 1, 2, 3, 3, 4, 5, 6, 7, 8, 9]);
    expect(maps[3]?.slice(0, 3)).toEqual([18, 19, 20]);
    expect(maps[1]).toEqual([10, 11, 12, 13, 14, 15, 16, 17]);
    expect(maps[2]).toEqual([18, 18, 18]);
  });

  it('gives the same model whether the maps share one allocation, or it runs out of room and allocates each', () => {
    const own = build(0);
    const total = pieces.reduce((n, [text]) => n + text.length, 0);
    expect(build(total)).toEqual(own);
    expect(build(10)).toEqual(own);
  });
});
