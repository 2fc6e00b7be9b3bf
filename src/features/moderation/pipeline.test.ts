import { describe, expect, it } from 'vitest';
import { compileModeration } from './compile.js';
import { decideStatus, type ModerationInput, type PipelineRule, pipelineRules, prepareInput, runPipeline } from './pipeline.js';
import { parseModerationSettings } from './settings.js';

const config = compileModeration(parseModerationSettings({ bannedWords: { words: ['scam'] } }));
const input = (overrides: Partial<Omit<ModerationInput, 'tokens' | 'signals'>> = {}): ModerationInput =>
  prepareInput({
    kind: 'create',
    now: '2026-05-20T10:00:00.000Z',
    markdown: 'The bridge reopened this morning, and traffic is flowing again.',
    article: { open: true },
    who: { userId: null, guestId: 1, email: null, ip: '203.0.113.9' },
    bans: [],
    history: { previousComments: 3, lastPostedAt: '2026-05-20T09:00:00.000Z', recentBodies: [], firstSeenAt: '2026-05-01T00:00:00.000Z' },
    honeypot: '',
    ...overrides,
  });

describe('the moderation pipeline', () => {
  it('publishes a good comment, with no flags', () => {
    expect(runPipeline(input(), config)).toEqual({ status: 'published', flags: [], failed: [] });
  });

  it('holds, rejects, or rejects as spam, the strictest verdict winning', () => {
    expect(runPipeline(input({ markdown: 'What an id1ot wrote this.' }), config).status).toBe('pending');
    expect(runPipeline(input({ markdown: 'This is a scam, an id1ot scam.' }), config).status).toBe('rejected');
    expect(runPipeline(input({ honeypot: 'http://spam.example' }), config).status).toBe('spam');
    expect(runPipeline(input({ article: { open: false } }), config).status).toBe('rejected');
  });

  it('publishes a shadow-banned identity’s comment to its author only', () => {
    const result = runPipeline(input({ bans: [{ kind: 'guest', subject: '1', mode: 'shadow', expiresAt: null }] }), config);
    expect(result.status).toBe('shadow');
    expect(result.flags).toEqual([{ rule: 'banned', action: 'flag', reason: 'shadow_banned', detail: 'guest:1' }]);
  });

  it('keeps the flags with the rule that gave them, and lets flags alone publish', () => {
    const result = runPipeline(input({ history: { previousComments: 3, lastPostedAt: '2026-05-20T09:59:58.000Z', recentBodies: [], firstSeenAt: null } }), config);
    expect(result).toEqual({ status: 'published', flags: [{ rule: 'too-fast', action: 'flag', reason: 'too_fast', detail: '2 s' }], failed: [] });
  });

  it('skips the rules about posting on an edit (honeypot, pace, duplicates, first comment)', () => {
    const edit = input({ kind: 'edit', honeypot: 'filled', history: { previousComments: 0, lastPostedAt: '2026-05-20T10:00:00.000Z', recentBodies: [], firstSeenAt: null } });
    expect(runPipeline(edit, config).status).toBe('published');
  });

  it('never blocks a good comment because a rule crashed: it is logged, skipped, and the comment held', () => {
    const errors: string[] = [];
    const crashing: PipelineRule = {
      name: 'crashing',
      on: 'always',
      check: () => {
        throw new Error('boom');
      },
    };
    const result = runPipeline(input(), config, { rules: [...pipelineRules.slice(0, 3), crashing, ...pipelineRules.slice(3)], onRuleError: (rule) => errors.push(rule) });
    expect(errors).toEqual(['crashing']);
    expect(result.failed).toEqual(['crashing']);
    expect(result.status).toBe('pending');
    expect(result.flags).toEqual([{ rule: 'pipeline', action: 'hold', reason: 'rule_failed', detail: 'crashing' }]);
  });

  it('still rejects what the other rules reject when one crashed', () => {
    const crashing: PipelineRule = { name: 'crashing', on: 'always', check: () => JSON.parse('{') as null };
    expect(runPipeline(input({ markdown: 'scam' }), config, { rules: [crashing, ...pipelineRules] }).status).toBe('rejected');
  });

  it('decides a status from verdicts', () => {
    expect(decideStatus([])).toBe('published');
    expect(decideStatus([{ action: 'flag', reason: 'too_fast' }])).toBe('published');
    expect(decideStatus([{ action: 'hold', reason: 'shouting' }])).toBe('pending');
    expect(decideStatus([{ action: 'reject', reason: 'banned_words' }, { action: 'hold', reason: 'shouting' }])).toBe('rejected');
    expect(decideStatus([{ action: 'reject', reason: 'banned_words' }, { action: 'reject', reason: 'spam_score' }])).toBe('spam');
  });
});
