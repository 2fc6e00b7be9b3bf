/** Money is integer minor units with an ISO 4217 currency. Pure helpers, no app imports. */

const digitsCache = new Map<string, number>();

/** True for a currency code Intl knows (three letters, upper case). */
export function isCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  try {
    new Intl.NumberFormat('en', { style: 'currency', currency: code });
    return true;
  } catch {
    return false;
  }
}

/** Minor-unit digits of a currency: 2 for USD and EUR, 0 for JPY, 3 for KWD. */
export function currencyDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsCache.set(currency, digits);
  }
  return digits;
}

/** Minor units → a number in major units (1360_00 USD → 1360). */
export function toMajor(minor: number, currency: string): number {
  return minor / 10 ** currencyDigits(currency);
}

/**
 * A decimal amount typed by a person ("25", "25.5", "1,000.50") → minor units, or null when it is
 * not an amount in this currency (too many decimals, letters, negative).
 */
export function parseMajor(input: string, currency: string): number | null {
  const digits = currencyDigits(currency);
  const cleaned = input.trim().replace(/[\s,]/g, '');
  const match = /^(\d{1,12})(?:\.(\d+))?$/.exec(cleaned);
  if (!match) return null;
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return null;
  return Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
}
