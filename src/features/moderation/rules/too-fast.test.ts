import { describe, expect, it } from 'vitest';
import { tooFast } from './too-fast.js';

const now = '2026-05-20T10:00:30.000Z';
const setting = { action: 'flag' as const, seconds: 15 };

describe('rule: too fast after the previous comment', () => {
  it.each([
    ['no previous comment', null],
    ['15 seconds ago', '2026-05-20T10:00:15.000Z'],
    ['an hour ago', '2026-05-20T09:00:30.000Z'],
  ])('passes: %s', (_name, last) => {
    expect(tooFast({ lastPostedAt: last }, now, setting)).toBeNull();
  });
  it.each([
    ['2 seconds ago', '2026-05-20T10:00:28.000Z', '2 s'],
    ['at the same instant', now, '0 s'],
  ])('flags: %s', (_name, last, detail) => {
    expect(tooFast({ lastPostedAt: last }, now, setting)).toEqual({ action: 'flag', reason: 'too_fast', detail });
  });
});
