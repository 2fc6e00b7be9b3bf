import { describe, expect, it } from 'vitest';
import { createI18n } from './index.js';

describe('i18n.money', () => {
  it('formats minor units in the locale, without cents for whole amounts', () => {
    const us = createI18n('en-US', 'UTC');
    expect(us.money(136000, 'USD')).toBe('$1,360');
    expect(us.money(1250, 'USD')).toBe('$12.50');
    expect(us.money(0, 'USD')).toBe('$0');
    expect(us.money(500, 'JPY')).toBe('¥500');
    const fr = createI18n('fr-CA', 'UTC');
    expect(fr.money(136000, 'USD').replace(/\s/g, ' ')).toBe('1 360 $ US');
  });
});
