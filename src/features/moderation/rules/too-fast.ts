import { type RuleAction, type Verdict, verdict } from '../verdict.js';

/** Posted less than `seconds` after the same identity's previous comment: flagged (scored) by default. */
export function tooFast(history: { lastPostedAt: string | null }, now: string, setting: { action: RuleAction; seconds: number }): Verdict | null {
  if (history.lastPostedAt === null) return null;
  const elapsed = (Date.parse(now) - Date.parse(history.lastPostedAt)) / 1000;
  return elapsed < setting.seconds ? verdict(setting.action, 'too_fast', `${Math.max(0, Math.round(elapsed))} s`) : null;
}
