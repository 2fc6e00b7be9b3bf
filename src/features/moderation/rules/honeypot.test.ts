import { describe, expect, it } from 'vitest';
import { honeypot } from './honeypot.js';

describe('rule: honeypot field filled', () => {
  it.each(['', '   '])('passes an empty field (%j)', (value) => {
    expect(honeypot(value, { action: 'reject' })).toBeNull();
  });
  it.each(['http://cheap-pills.example', 'x'])('rejects a filled field (%j)', (value) => {
    expect(honeypot(value, { action: 'reject' })).toEqual({ action: 'reject', reason: 'honeypot' });
  });
  it('can hold instead', () => {
    expect(honeypot('x', { action: 'hold' })).toEqual({ action: 'hold', reason: 'honeypot' });
  });
});
