import type { TextSignals } from '../text-signals.js';
import { type RuleAction, type Verdict, verdict } from '../verdict.js';

/** More links than the site allows in one comment: held by default. */
export function tooManyLinks(signals: Pick<TextSignals, 'links'>, setting: { action: RuleAction; max: number }): Verdict | null {
  return signals.links > setting.max ? verdict(setting.action, 'too_many_links', `${signals.links} > ${setting.max}`) : null;
}
