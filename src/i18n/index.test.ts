import { describe, expect, it } from 'vitest';
import { en, enAreas } from './en.js';
import { createI18n } from './index.js';

describe('i18n', () => {
  const i18n = createI18n('en-GB', 'Europe/Kyiv');

  it('substitutes and pluralises', () => {
    expect(i18n.t('tag.title', { name: 'Energy' })).toBe('Topic: Energy');
    expect(i18n.t('search.count', { count: 0 })).toBe('No reports match');
    expect(i18n.t('search.count', { count: 1 })).toBe('1 report matches');
    expect(i18n.t('search.count', { count: 1200 })).toBe('1,200 reports match');
  });

  it('formats dates in the site time zone', () => {
    // 22:30 UTC on 31 May is already 1 June in Kyiv.
    expect(i18n.date('2022-05-31T22:30:00.000Z')).toBe('1 June 2022');
    expect(i18n.monthLabel('2022-05-10T10:00:00.000Z')).toBe('MAY 2022');
    expect(i18n.parts('2022-05-31T22:30:00.000Z')).toEqual({ year: 2022, month: 6, day: 1 });
    expect(i18n.month(2022, 5)).toBe('May 2022');
  });

  it('knows right-to-left languages', () => {
    expect(createI18n('ar', 'UTC').dir).toBe('rtl');
    expect(i18n.dir).toBe('ltr');
  });

  it('defines every English message in exactly one area file', () => {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const [area, messages] of Object.entries(enAreas)) {
      for (const key of Object.keys(messages)) {
        const first = seen.get(key);
        if (first) twice.push(`${key} (${first} and ${area})`);
        seen.set(key, area);
      }
    }
    expect(twice).toEqual([]);
    expect(Object.keys(en)).toHaveLength(seen.size);
  });
});
