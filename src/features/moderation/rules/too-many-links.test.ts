import { describe, expect, it } from 'vitest';
import { measureText } from '../text-signals.js';
import { tooManyLinks } from './too-many-links.js';

const check = (text: string, max = 2) => tooManyLinks(measureText(text), { action: 'hold', max });

describe('rule: more than N links', () => {
  it.each(['No links at all.', 'One: https://example.org/a', 'Two: [a](https://example.org/a) and www.example.org/b'])('passes: %s', (text) => {
    expect(check(text)).toBeNull();
  });
  it.each(['https://a.example https://b.example http://c.example', 'www.a.example www.b.example www.c.example www.d.example'])('holds: %s', (text) => {
    expect(check(text)).toMatchObject({ action: 'hold', reason: 'too_many_links' });
  });
  it('holds any link when the maximum is 0', () => {
    expect(check('see https://example.org', 0)).toMatchObject({ reason: 'too_many_links' });
  });
});
