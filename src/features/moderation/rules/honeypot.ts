import { type RuleAction, type Verdict, verdict } from '../verdict.js';

/** The comment form's hidden field was filled in: people never see it, robots fill in everything. */
export function honeypot(value: string, setting: { action: RuleAction }): Verdict | null {
  return value.trim() === '' ? null : verdict(setting.action, 'honeypot');
}
