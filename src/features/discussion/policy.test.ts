import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../settings/site-settings.js';
import { discussionLimits, isDiscussionOpen, isWithinEditWindow } from './policy.js';

const now = new Date('2026-05-20T10:00:00.000Z');

describe('discussion policy', () => {
  it('closes a discussion by flag or by age', () => {
    const settings = { ...defaultSettings, commentsAutoCloseDays: 7 };
    expect(isDiscussionOpen({ comments_open: 1, published_at: '2026-05-14T10:00:00.000Z' }, settings, now)).toBe(true);
    expect(isDiscussionOpen({ comments_open: 1, published_at: '2026-05-13T10:00:00.000Z' }, settings, now)).toBe(false);
    expect(isDiscussionOpen({ comments_open: 1, published_at: '2000-01-01T00:00:00.000Z' }, defaultSettings, now)).toBe(true);
    expect(isDiscussionOpen({ comments_open: 0, published_at: '2026-05-20T09:00:00.000Z' }, defaultSettings, now)).toBe(false);
  });

  it('allows edits for the window only', () => {
    expect(isWithinEditWindow('2026-05-20T09:45:00.000Z', defaultSettings, now)).toBe(true);
    expect(isWithinEditWindow('2026-05-20T09:44:59.999Z', defaultSettings, now)).toBe(false);
  });

  it('keeps settings in a workable range', () => {
    expect(discussionLimits({ ...defaultSettings, commentMaxDepth: 0, commentsPerPage: 10_000 })).toMatchObject({ maxDepth: 1, perPage: 100 });
  });
});
