import type { TextSignals } from '../text-signals.js';
import { type RuleAction, type Verdict, verdict } from '../verdict.js';

/** One character many times in a row ("!!!!!!!!!!!!", "nooooooooooo"). */
export function repeatedCharacters(signals: Pick<TextSignals, 'longestRun'>, setting: { action: RuleAction; run: number }): Verdict | null {
  return signals.longestRun >= setting.run ? verdict(setting.action, 'repeated_characters', `${signals.longestRun} in a row`) : null;
}
