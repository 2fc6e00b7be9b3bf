import { type RuleAction, type Verdict, verdict } from '../verdict.js';

/** A comment on a discussion that is closed (by an editor, or by age). */
export function discussionClosed(article: { open: boolean }, setting: { action: RuleAction }): Verdict | null {
  return article.open ? null : verdict(setting.action, 'discussion_closed');
}
