import type { SiteSettings } from '../settings/site-settings.js';

const DAY = 86_400_000;
const MINUTE = 60_000;

type DiscussionSettings = Pick<SiteSettings, 'commentEditWindowMinutes' | 'commentMaxDepth' | 'commentsAutoCloseDays' | 'commentsPerPage'>;

/** Settings an admin may set to anything, brought into a range the discussion can work with. */
export function discussionLimits(settings: DiscussionSettings) {
  const whole = (value: number, min: number, max: number, fallback: number) => (Number.isFinite(value) ? Math.min(max, Math.max(min, Math.trunc(value))) : fallback);
  return {
    editWindowMs: whole(settings.commentEditWindowMinutes, 0, 7 * 24 * 60, 15) * MINUTE,
    /** Levels of nesting; depth (0-based) never exceeds maxDepth - 1. */
    maxDepth: whole(settings.commentMaxDepth, 1, 20, 5),
    autoCloseDays: whole(settings.commentsAutoCloseDays, 0, 36_500, 0),
    perPage: whole(settings.commentsPerPage, 1, 100, 20),
  };
}

/** Open unless closed by an editor, or older than the site's auto-close age. */
export function isDiscussionOpen(article: { comments_open: number; published_at: string | null }, settings: DiscussionSettings, now: Date): boolean {
  if (article.comments_open !== 1) return false;
  const { autoCloseDays } = discussionLimits(settings);
  if (autoCloseDays > 0 && article.published_at) return Date.parse(article.published_at) + autoCloseDays * DAY > now.getTime();
  return true;
}

/** When the author's edit window for a comment ends (UTC ISO). */
export function editableUntil(createdAt: string, settings: DiscussionSettings): string {
  return new Date(Date.parse(createdAt) + discussionLimits(settings).editWindowMs).toISOString();
}

export function isWithinEditWindow(createdAt: string, settings: DiscussionSettings, now: Date): boolean {
  return now.getTime() <= Date.parse(editableUntil(createdAt, settings));
}
