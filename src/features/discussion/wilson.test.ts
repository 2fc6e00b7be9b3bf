import { describe, expect, it } from 'vitest';
import { wilsonLowerBound } from './wilson.js';

describe('wilsonLowerBound', () => {
  it('is 0 without votes and for only down-votes', () => {
    expect(wilsonLowerBound(0, 0)).toBe(0);
    expect(wilsonLowerBound(0, 5)).toBe(0);
  });

  it('matches the textbook values', () => {
    expect(wilsonLowerBound(1, 0)).toBeCloseTo(0.2065, 4);
    expect(wilsonLowerBound(5, 0)).toBeCloseTo(0.5655, 4);
    expect(wilsonLowerBound(50, 50)).toBeCloseTo(0.4038, 4);
  });

  it('ranks many good votes above a few, and a few good above many mixed', () => {
    expect(wilsonLowerBound(40, 4)).toBeGreaterThan(wilsonLowerBound(2, 0));
    expect(wilsonLowerBound(10, 0)).toBeGreaterThan(wilsonLowerBound(60, 40));
    expect(wilsonLowerBound(100, 1)).toBeLessThan(1);
  });
});
