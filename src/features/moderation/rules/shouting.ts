import type { TextSignals } from '../text-signals.js';
import { type RuleAction, type Verdict, verdict } from '../verdict.js';

/** Mostly capitals, in a text long enough for that to mean shouting (not "NATO" or "OK"). */
export function shouting(signals: Pick<TextSignals, 'letters' | 'capitals'>, setting: { action: RuleAction; minLetters: number; percent: number }): Verdict | null {
  if (signals.letters < setting.minLetters) return null;
  const percent = Math.round((signals.capitals / signals.letters) * 100);
  return percent >= setting.percent ? verdict(setting.action, 'shouting', `${percent}% capitals`) : null;
}
