import { describe, expect, it } from 'vitest';
import { discussionClosed } from './discussion-closed.js';

describe('rule: discussion closed', () => {
  it('passes a comment on an open discussion', () => {
    expect(discussionClosed({ open: true }, { action: 'reject' })).toBeNull();
  });
  it('rejects a comment on a closed discussion', () => {
    expect(discussionClosed({ open: false }, { action: 'reject' })).toEqual({ action: 'reject', reason: 'discussion_closed' });
  });
  it('does nothing when turned off', () => {
    expect(discussionClosed({ open: false }, { action: 'off' })).toBeNull();
  });
});
