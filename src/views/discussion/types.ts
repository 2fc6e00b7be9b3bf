import type { CommentSort } from '../../features/discussion/cursor.js';
import type { CommentView } from '../../features/discussion/queries.js';
import type { ThreadNode } from '../../features/discussion/threads.js';
import type { FeedbackView, PassageFormView } from '../feedback/types.js';
import type { NotifyChoiceView } from '../notifications/notify-fieldset.js';
import type { ModerationNoticeView } from './moderation-notice.js';

/** What the comment form shows: empty on the shared page; the reader's input and errors after a refused post. */
export interface CommentFormView {
  replyTo: { id: number; authorName: string } | null;
  values: { body: string; name: string; email: string; idempotencyKey: string };
  errors: Record<string, string>;
  /** A message about the whole form (closed discussion, too many posts). */
  message: string | null;
  /** Inline feedback: the passage this comment is about (views/feedback). */
  passage?: PassageFormView | null;
  /** "Notify of": the boxes the reader ticked (views/notifications). */
  notify?: NotifyChoiceView;
}

/** Personal bits, only ever rendered into pages that are not cached (the reader sent their cookie). */
export interface DiscussionViewer {
  mine: ReadonlySet<number>;
  votes: ReadonlyMap<number, 1 | -1>;
  editable: ReadonlySet<number>;
  /** Moderation: the reader's own comments others do not see, and what they are told about each. */
  moderation?: ReadonlyMap<number, ModerationNoticeView>;
  /** …and those comments themselves, merged into the page (http/moderation-view.ts). */
  ownHidden?: readonly CommentView[];
}

export interface DiscussionView {
  articleId: number;
  slug: string;
  count: number;
  open: boolean;
  sort: CommentSort;
  /** The whole discussion a page at a time, or one thread on its own. */
  mode: { kind: 'list'; after: string | null; threads: ThreadNode[]; next: string | null } | { kind: 'thread'; threadId: number; after: string | null; thread: ThreadNode; next: string | null };
  form: CommentFormView;
  viewer: DiscussionViewer | null;
  /** Inline feedback: the "Inline Feedbacks" tab and passage quotes (views/feedback). */
  feedback?: FeedbackView;
}

export function emptyCommentForm(replyTo: CommentFormView['replyTo'] = null): CommentFormView {
  return { replyTo, values: { body: '', name: '', email: '', idempotencyKey: '' }, errors: {}, message: null };
}
