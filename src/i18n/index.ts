import { currencyDigits } from '../shared/money.js';
import { en, type MessageKey } from './en.js';

export type { MessageKey } from './en.js';

const catalogs: Record<string, Record<MessageKey, string>> = { en };

export interface I18n {
  locale: string;
  timeZone: string;
  dir: 'ltr' | 'rtl';
  t(key: MessageKey, params?: Record<string, string | number>): string;
  /** A message's template, unformatted (for scripts that fill it in: `{count, plural, …}`). */
  message(key: MessageKey): string;
  /** "23 November 2026" */
  date(iso: string): string;
  /** "NOVEMBER 2026", the dateline month label. */
  monthLabel(iso: string): string;
  /** "November 2026" */
  month(year: number, month: number): string;
  /** "23 November 2026, 14:05" */
  dateTime(iso: string): string;
  number(value: number): string;
  /** An amount in minor units, in the site's locale: "$1,360" or "$12.50" (no ",00" for whole amounts). */
  money(minor: number, currency: string): string;
  /** Calendar parts of an instant in the site's time zone. */
  parts(iso: string): { year: number; month: number; day: number };
}

const rtlLanguages = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'yi']);

/**
 * Messages use a small subset of ICU: {name} substitution and
 * {count, plural, =0 {...} one {# ...} other {# ...}} with Intl.PluralRules.
 */
function format(template: string, params: Record<string, string | number>, plural: Intl.PluralRules, number: Intl.NumberFormat): string {
  return template.replace(/\{(\w+), plural, ((?:[^{}]*\{[^{}]*\})+)\}|\{(\w+)\}/g, (_m, pluralName, cases, simpleName) => {
    if (simpleName) return String(params[simpleName] ?? `{${simpleName}}`);
    const value = Number(params[pluralName]);
    const options = new Map<string, string>();
    for (const match of (cases as string).matchAll(/\s*(=?\w+)\s*\{([^{}]*)\}/g)) options.set(match[1] as string, match[2] as string);
    const chosen = options.get(`=${value}`) ?? options.get(plural.select(value)) ?? options.get('other') ?? '';
    return chosen.replace(/#/g, number.format(value));
  });
}

export function createI18n(locale: string, timeZone: string): I18n {
  const language = locale.split('-')[0] ?? 'en';
  const messages = catalogs[language] ?? en;
  const plural = new Intl.PluralRules(locale);
  const number = new Intl.NumberFormat(locale);
  const moneyFormats = new Map<string, Intl.NumberFormat>();
  const dateFmt = new Intl.DateTimeFormat(locale, { timeZone, day: 'numeric', month: 'long', year: 'numeric' });
  const monthFmt = new Intl.DateTimeFormat(locale, { timeZone, month: 'long', year: 'numeric' });
  const utcMonthFmt = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', month: 'long', year: 'numeric' });
  const dateTimeFmt = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'long', timeStyle: 'short' });
  const partsFmt = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' });
  return {
    locale,
    timeZone,
    dir: rtlLanguages.has(language) ? 'rtl' : 'ltr',
    t: (key, params = {}) => format(messages[key] ?? en[key] ?? key, params, plural, number),
    message: (key) => messages[key] ?? en[key] ?? key,
    date: (iso) => dateFmt.format(new Date(iso)),
    monthLabel: (iso) => monthFmt.format(new Date(iso)).toLocaleUpperCase(locale),
    month: (year, month) => utcMonthFmt.format(new Date(Date.UTC(year, month - 1, 15))),
    dateTime: (iso) => dateTimeFmt.format(new Date(iso)),
    number: (value) => number.format(value),
    money(minor, currency) {
      const digits = currencyDigits(currency);
      const whole = minor % 10 ** digits === 0;
      const key = `${currency}:${whole}`;
      let fmt = moneyFormats.get(key);
      if (!fmt) {
        fmt = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: whole ? 0 : digits, maximumFractionDigits: digits });
        moneyFormats.set(key, fmt);
      }
      return fmt.format(minor / 10 ** digits);
    },
    parts(iso) {
      const p = Object.fromEntries(partsFmt.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
      return { year: Number(p.year), month: Number(p.month), day: Number(p.day) };
    },
  };
}
