import { describe, expect, it } from 'vitest';
import { cleanText, isEmail, normaliseEmail } from './donor-input.js';

describe('donor input', () => {
  it('keeps messages plain, short and free of invisible tricks', () => {
    expect(cleanText('  Keep   going!\n\n\n\nThanks ', 280, true)).toBe('Keep going!\n\nThanks');
    expect(cleanText('A\u202Eevil\u200B name', 80)).toBe('Aevil name');
    expect(cleanText('Line\nbreak', 80)).toBe('Line break');
    expect(cleanText('x'.repeat(500), 280, true)).toHaveLength(280);
    expect(cleanText('<script>alert(1)</script>', 280)).toBe('<script>alert(1)</script>');
    expect(cleanText('tab\there\u0000\u00AD', 80)).toBe('tabhere');
    expect(cleanText('family 👩\u200D👧', 80)).toBe('family 👩\u200D👧');
  });

  it('checks and normalises email addresses', () => {
    expect(normaliseEmail(' Ana@Example.ORG ')).toBe('ana@example.org');
    expect(isEmail('ana@example.org')).toBe(true);
    for (const bad of ['ana', 'ana@', '@example.org', 'a b@example.org', 'ana@example']) expect(isEmail(bad)).toBe(false);
  });
});
