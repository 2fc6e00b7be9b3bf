import type { I18n, MessageKey } from '../../i18n/index.js';
import { type Flag, type ReasonCode, reasonCodes } from './verdict.js';

/** The policy points a moderator cites; each is `moderation.policy.<code>` in the catalog (docs/moderation.md). */
export const policyCodes = ['spam', 'abuse', 'hate', 'threats', 'personal_information', 'impersonation', 'off_topic', 'other'] as const;
export type PolicyCode = (typeof policyCodes)[number];

export function isPolicyCode(value: unknown): value is PolicyCode {
  return typeof value === 'string' && (policyCodes as readonly string[]).includes(value);
}

export function isReasonCode(value: unknown): value is ReasonCode {
  return typeof value === 'string' && (reasonCodes as readonly string[]).includes(value);
}

/** A reason for people: a policy point, or a rule's reason; unknown codes say nothing specific. */
export function reasonText(i18n: I18n, code: string): string {
  if (isPolicyCode(code)) return i18n.t(`moderation.policy.${code}` as MessageKey);
  if (isReasonCode(code)) return i18n.t(`moderation.reason.${code}` as MessageKey);
  return i18n.t('moderation.policy.other');
}

/** The rules' reasons behind a decision, each once: those that decided it (`actions`), flags aside. */
export function flagReasons(flags: readonly Flag[], actions: ReadonlyArray<Flag['action']> = ['hold', 'reject']): ReasonCode[] {
  return [...new Set(flags.filter((f) => actions.includes(f.action)).map((f) => f.reason))];
}
