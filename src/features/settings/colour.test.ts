import { describe, expect, it } from 'vitest';
import { contrastRatio, normaliseHex } from './colour.js';

describe('accent colour', () => {
  it('normalises hex colours and refuses anything else', () => {
    expect(normaliseHex('#B3261E')).toBe('#b3261e');
    expect(normaliseHex(' #abc ')).toBe('#aabbcc');
    for (const bad of ['b3261e', '#b3261', '#gggggg', 'red', '#b3261e80', 'url(x)']) expect(normaliseHex(bad)).toBeNull();
  });

  it('computes WCAG contrast ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    expect(contrastRatio('#b3261e', '#ffffff')).toBeGreaterThan(4.5);
    expect(contrastRatio('#ffd700', '#ffffff')).toBeLessThan(4.5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });
});
