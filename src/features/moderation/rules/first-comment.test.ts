import { describe, expect, it } from 'vitest';
import { firstComment } from './first-comment.js';

describe('rule: first comment of a new identity', () => {
  it('passes an identity with an approved comment', () => {
    expect(firstComment({ previousComments: 1 }, { action: 'hold' })).toBeNull();
  });
  it('holds the first comment when turned on', () => {
    expect(firstComment({ previousComments: 0 }, { action: 'hold' })).toEqual({ action: 'hold', reason: 'first_comment' });
  });
  it('is off by default, and then says nothing', () => {
    expect(firstComment({ previousComments: 0 }, { action: 'off' })).toBeNull();
  });
});
