import { type RuleAction, type Verdict, verdict } from '../verdict.js';

/** The first comment of an account or guest identity (pre-moderation of newcomers; off by default). */
export function firstComment(history: { previousComments: number }, setting: { action: RuleAction }): Verdict | null {
  return history.previousComments === 0 ? verdict(setting.action, 'first_comment') : null;
}
