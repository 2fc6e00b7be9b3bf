import { describe, expect, it } from 'vitest';
import { decodeListCursor, decodeThreadCursor, encodeListCursor, encodeThreadCursor, isCommentSort, type ListCursor } from './cursor.js';
import { childPath, descendantsEnd, pathIds, pathSegment } from './path.js';
import { wilsonLowerBound } from './wilson.js';

describe('list cursors', () => {
  const cases: ListCursor[] = [
    { sort: 'newest', createdAt: '2026-05-20T10:00:00.123Z', id: 42 },
    { sort: 'oldest', createdAt: '1999-12-31T23:59:59.999Z', id: 7 },
    { sort: 'votes', score: -3, id: 12 },
    { sort: 'votes', score: 0, id: 1 },
    { sort: 'best', wilson: wilsonLowerBound(17, 4), id: 99 },
    { sort: 'best', wilson: 0, id: 5 },
    { sort: 'best', wilson: 1e-7, id: 5 },
  ];

  it.each(cases)('round-trips %j exactly', (cursor) => {
    expect(decodeListCursor(cursor.sort, encodeListCursor(cursor))).toEqual(cursor);
  });

  it.each([
    ['newest', 'o_1747735200000_42'],
    ['newest', 'n_1747735200000_0'],
    ['newest', 'n_abc_1'],
    ['newest', 'n_42'],
    ['newest', 'n_99999999999999999_42'],
    ['votes', 'v_1.5_3'],
    ['votes', 'n_3'],
    ['best', 'b_2_3'],
    ['best', 'b_-0.1_3'],
    ['best', 'b_NaN_3'],
    ['oldest', `o_1_${'9'.repeat(100)}`],
    ['newest', ''],
  ] as const)('refuses %s cursor %j', (sort, text) => {
    expect(decodeListCursor(sort, text)).toBeNull();
  });

  it('knows the sorts', () => {
    expect(isCommentSort('best')).toBe(true);
    expect(isCommentSort('top')).toBe(false);
  });
});

describe('thread cursors and paths', () => {
  it('encodes paths that sort in thread order', () => {
    const root = pathSegment(9);
    const a = childPath(root, 10);
    const b = childPath(root, 11);
    const a1 = childPath(a, 120);
    expect([b, a1, root, a].sort()).toEqual([root, a, a1, b]);
    expect(a1 > a && a1 < descendantsEnd(a)).toBe(true);
    expect(b > descendantsEnd(a)).toBe(true);
    expect(pathIds(a1)).toEqual([9, 10, 120]);
  });

  it('round-trips thread cursors and refuses bad ones', () => {
    const path = childPath(pathSegment(3), 4);
    expect(decodeThreadCursor(encodeThreadCursor(path))).toBe(path);
    expect(decodeThreadCursor('t_123')).toBeNull();
    expect(decodeThreadCursor('n_1')).toBeNull();
  });

  it('refuses ids that do not fit a segment', () => {
    expect(() => pathSegment(0)).toThrow(RangeError);
    expect(() => pathSegment(10 ** 10)).toThrow(RangeError);
  });
});
