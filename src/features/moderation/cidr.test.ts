import { describe, expect, it } from 'vitest';
import { formatRange, ipInRange, parseIp, parseRange } from './cidr.js';

describe('IP addresses and CIDR ranges', () => {
  it.each([
    ['203.0.113.9', '203.0.113.0/24'],
    ['203.0.113.9', '203.0.113.9'],
    ['10.1.2.3', '10.0.0.0/8'],
    ['1.2.3.4', '0.0.0.0/0'],
    ['2001:db8::1', '2001:db8::/32'],
    ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::/64'],
    ['::ffff:203.0.113.9', '203.0.113.0/24'],
    ['::1', '::1/128'],
  ])('%s is in %s', (ip, range) => {
    expect(ipInRange(ip, range)).toBe(true);
  });

  it.each([
    ['203.0.114.1', '203.0.113.0/24'],
    ['2001:db9::1', '2001:db8::/32'],
    ['203.0.113.9', '2001:db8::/32'],
    ['not an ip', '0.0.0.0/0'],
    ['1.2.3.4', '1.2.3.0/33'],
    ['1.2.3.4', 'nonsense'],
  ])('%s is not in %s', (ip, range) => {
    expect(ipInRange(ip, range)).toBe(false);
  });

  it('refuses malformed addresses', () => {
    for (const bad of ['256.1.1.1', '1.2.3', '1:2:3:4:5:6:7:8:9', '1::2::3', 'g::1', '']) expect(parseIp(bad)).toBeNull();
    expect(parseRange('10.0.0.0/abc')).toBeNull();
  });

  it('writes ranges canonically', () => {
    expect(formatRange('203.0.113.77/24')).toBe('203.0.113.0/24');
    expect(formatRange('203.0.113.77')).toBe('203.0.113.77/32');
    expect(formatRange('2001:0DB8:0:0:1:0:0:1/128')).toBe('2001:db8::1:0:0:1/128');
    expect(formatRange('2001:db8:abcd:12::/48')).toBe('2001:db8:abcd::/48');
    expect(formatRange('example.org')).toBeNull();
  });
});
