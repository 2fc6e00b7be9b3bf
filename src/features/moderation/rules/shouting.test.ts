import { describe, expect, it } from 'vitest';
import { measureText } from '../text-signals.js';
import { shouting } from './shouting.js';

const check = (text: string) => shouting(measureText(text), { action: 'hold', minLetters: 24, percent: 70 });

describe('rule: shouting (mostly capitals)', () => {
  it.each(['NATO and the UN met in Kyiv today.', 'OK!', 'The EU, the USA and the UK issued a joint statement on Monday.', 'THIS SHORT ONE'])('passes: %s', (text) => {
    expect(check(text)).toBeNull();
  });
  it.each(['THIS IS AN OUTRAGE AND EVERYONE SHOULD KNOW IT', 'WHY DOES NOBODY REPORT THE TRUTH about this?', 'ПРОСНИТЕСЬ ЛЮДИ ЭТО ВСЁ ЛОЖЬ И ОБМАН'])('holds: %s', (text) => {
    expect(check(text)).toMatchObject({ action: 'hold', reason: 'shouting' });
  });
  it('does not count the capitals of links', () => {
    expect(check('see https://EXAMPLE.ORG/ABCDEFGHIJKLMNOPQRSTUVWXYZ for more details here')).toBeNull();
  });
});
