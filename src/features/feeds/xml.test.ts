import { describe, expect, it } from 'vitest';
import { cdata, rfc3339, rfc822, w3cDate } from './xml.js';

describe('cdata', () => {
  it('wraps text', () => {
    expect(cdata('<p>a & b</p>')).toBe('<![CDATA[<p>a & b</p>]]>');
  });

  it('splits the section at every ]]>', () => {
    expect(cdata('a]]>b]]>')).toBe('<![CDATA[a]]]]><![CDATA[>b]]]]><![CDATA[>]]>');
  });

  it('drops characters XML forbids', () => {
    expect(cdata('a\u0000b\u001Fc\uFFFEd\te\uD800f')).toBe('<![CDATA[abcd\tef]]>');
    expect(cdata('emoji \u{1F600}\r\n')).toBe('<![CDATA[emoji \u{1F600}\r\n]]>');
  });
});

describe('dates', () => {
  it('formats RFC 822 in GMT', () => {
    expect(rfc822('2024-03-05T10:30:00+01:00')).toBe('Tue, 05 Mar 2024 09:30:00 GMT');
  });

  it('normalises to RFC 3339 UTC', () => {
    expect(rfc3339('2024-03-05T10:30:00+01:00')).toBe('2024-03-05T09:30:00.000Z');
  });

  it('keeps a bare date for sitemaps and normalises timestamps', () => {
    expect(w3cDate('2024-03-05')).toBe('2024-03-05');
    expect(w3cDate('2024-03-05T10:30:00+01:00')).toBe('2024-03-05T09:30:00.000Z');
  });

  it('refuses an invalid date instead of printing "Invalid Date"', () => {
    expect(() => rfc822('yesterday')).toThrow(RangeError);
    expect(() => rfc3339('')).toThrow(RangeError);
  });
});
