import { describe, expect, it } from 'vitest';
import { currencyDigits, isCurrency, parseMajor, toMajor } from './money.js';

describe('money', () => {
  it('knows the minor-unit digits of a currency', () => {
    expect(currencyDigits('USD')).toBe(2);
    expect(currencyDigits('JPY')).toBe(0);
    expect(currencyDigits('KWD')).toBe(3);
  });

  it('parses amounts people type, to the cent', () => {
    expect(parseMajor('25', 'USD')).toBe(2500);
    expect(parseMajor('25.5', 'USD')).toBe(2550);
    expect(parseMajor(' 1,000.05 ', 'USD')).toBe(100005);
    expect(parseMajor('0.1', 'USD')).toBe(10);
    expect(parseMajor('500', 'JPY')).toBe(500);
    for (const bad of ['', '-5', '1.234', '1e3', 'ten', '5.', '.5']) expect(parseMajor(bad, 'USD')).toBeNull();
    expect(parseMajor('5.5', 'JPY')).toBeNull();
  });

  it('converts minor units back and checks codes', () => {
    expect(toMajor(136000, 'USD')).toBe(1360);
    expect(isCurrency('USD')).toBe(true);
    expect(isCurrency('usd')).toBe(false);
    expect(isCurrency('ZZ')).toBe(false);
  });
});
