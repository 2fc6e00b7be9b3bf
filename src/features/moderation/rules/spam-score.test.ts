import { describe, expect, it } from 'vitest';
import type { Verdict } from '../verdict.js';
import { spamScore } from './spam-score.js';

const setting = { hold: 6, reject: 10 };
const v = (reason: Verdict['reason'], action: Verdict['action'] = 'flag'): Verdict => ({ action, reason });
const text = { links: 0, textLength: 200 };

describe('rule: spam score', () => {
  it.each([
    ['a plain comment', { signals: text, earlier: [] as Verdict[], identityAgeMs: null }],
    ['a link in a real comment, posted fast by a new guest', { signals: { links: 1, textLength: 200 }, earlier: [v('too_fast')], identityAgeMs: 1000 }],
    ['shouting alone', { signals: text, earlier: [v('shouting', 'hold')], identityAgeMs: null }],
  ])('passes: %s', (_name, input) => {
    expect(spamScore(input, setting)).toBeNull();
  });

  it('holds from the hold threshold: links with little text, fast, repeated characters', () => {
    expect(spamScore({ signals: { links: 2, textLength: 10 }, earlier: [v('too_fast'), v('repeated_characters')], identityAgeMs: null }, setting)).toEqual({
      action: 'hold',
      reason: 'spam_score',
      detail: 'score 7',
    });
  });

  it('rejects from the reject threshold: the honeypot alone, or many signals together', () => {
    expect(spamScore({ signals: text, earlier: [v('honeypot', 'reject')], identityAgeMs: null }, setting)).toMatchObject({ action: 'reject', detail: 'score 10' });
    expect(spamScore({ signals: { links: 5, textLength: 12 }, earlier: [v('too_many_links', 'hold'), v('duplicate', 'hold')], identityAgeMs: 5000 }, setting)).toMatchObject({
      action: 'reject',
      reason: 'spam_score',
    });
  });

  it('never acts with both thresholds at 0', () => {
    expect(spamScore({ signals: { links: 9, textLength: 0 }, earlier: [v('honeypot', 'reject')], identityAgeMs: 0 }, { hold: 0, reject: 0 })).toBeNull();
  });
});
