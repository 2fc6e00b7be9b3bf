import { describe, expect, it } from 'vitest';
import { isSlug, slugify } from './slug.js';

describe('slugify', () => {
  it.each([
    ['Hello, World!', 'hello-world'],
    ['  Kharkiv: the night the power went out  ', 'kharkiv-the-night-the-power-went-out'],
    ['Café déjà vu', 'cafe-deja-vu'],
    ["Editor's note", 'editors-note'],
    ['---', 'untitled'],
    ['Мир', 'untitled'],
  ])('%s → %s', (input, expected) => {
    expect(slugify(input)).toBe(expected);
    expect(isSlug(slugify(input))).toBe(true);
  });

  it('caps the length without a trailing hyphen', () => {
    const slug = slugify(`${'word '.repeat(40)}`);
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug.endsWith('-')).toBe(false);
  });

  it('rejects what is not a slug', () => {
    for (const bad of ['', 'A', 'a--b', '-a', 'a/b', 'a b', 'x'.repeat(81)]) expect(isSlug(bad)).toBe(false);
  });
});
