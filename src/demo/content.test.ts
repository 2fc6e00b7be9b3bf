import { describe, expect, it } from 'vitest';
import { demoAssets } from './assets.js';
import { demoArticles, demoAuthors, demoTags } from './content.js';

/** A fixed "now", so month counting does not depend on when the tests run. */
const NOW = Date.UTC(2025, 2, 15, 12);
const DAY = 86_400_000;

function words(markdown: string): number {
  return markdown.split(/\s+/).filter((w) => /[A-Za-z0-9]/.test(w)).length;
}

describe('demoAuthors', () => {
  it('has at least two authors with example.com-style addresses', () => {
    expect(demoAuthors.length).toBeGreaterThanOrEqual(2);
    for (const a of demoAuthors) {
      expect(a.email).toMatch(/^[a-z0-9.]+@outpost\.example$/);
      expect(a.name.length).toBeGreaterThan(2);
      expect(a.bio.length).toBeGreaterThan(20);
    }
    expect(new Set(demoAuthors.map((a) => a.email)).size).toBe(demoAuthors.length);
  });
});

describe('demoArticles', () => {
  it('has at least eight articles with unique, valid slugs', () => {
    expect(demoArticles.length).toBeGreaterThanOrEqual(8);
    const slugs = demoArticles.map((a) => a.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const slug of slugs) {
      expect(slug).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(slug.length).toBeLessThanOrEqual(80);
    }
  });

  it.each(demoArticles.map((a) => [a.slug, a] as const))('%s is complete', (_slug, a) => {
    expect(a.title.length).toBeGreaterThan(10);
    expect(a.title.length).toBeLessThan(300);
    expect(a.standfirst.length).toBeGreaterThan(20);
    expect(a.standfirst.length).toBeLessThan(1000);
    const count = words(a.bodyMarkdown);
    expect(count).toBeGreaterThanOrEqual(300);
    expect(count).toBeLessThanOrEqual(700);
    expect(a.bodyMarkdown).toMatch(/^## /m);
    expect(a.bodyMarkdown).toMatch(/^> /m);
    expect(a.authorIndexes.length).toBeGreaterThan(0);
    expect(new Set(a.authorIndexes).size).toBe(a.authorIndexes.length);
    for (const i of a.authorIndexes) expect(demoAuthors[i]).toBeDefined();
    expect(a.tags.length).toBeGreaterThan(0);
    for (const t of a.tags) expect(demoTags.map((d) => d.name)).toContain(t);
    expect(Number.isInteger(a.hour) && a.hour >= 0 && a.hour <= 23).toBe(true);
    expect(Number.isInteger(a.daysAgo)).toBe(true);
    if (a.coverImage) expect(a.coverAlt?.length ?? 0).toBeGreaterThan(10);
  });

  it('uses a small set of tags, and lists in some bodies', () => {
    const used = new Set(demoArticles.flatMap((a) => a.tags));
    expect(used.size).toBeGreaterThanOrEqual(4);
    expect(used.size).toBeLessThanOrEqual(6);
    expect(demoArticles.filter((a) => /^(?:- |\d+\. )/m.test(a.bodyMarkdown)).length).toBeGreaterThanOrEqual(3);
  });

  it('has at least one article co-written by two authors', () => {
    expect(demoArticles.some((a) => a.authorIndexes.length >= 2)).toBe(true);
  });

  it('has exactly one video report', () => {
    const videos = demoArticles.filter((a) => a.videoUrl);
    expect(videos).toHaveLength(1);
    expect(videos[0]?.videoUrl).toBe('https://www.youtube.com/watch?v=aqz-KE-bpKQ');
  });

  it('has a map report that references the generated map with alt text and a caption', () => {
    const maps = demoArticles.filter((a) => a.bodyMarkdown.includes('/media/demo/frontline-map.svg'));
    expect(maps).toHaveLength(1);
    const match = maps[0]?.bodyMarkdown.match(/!\[([^\]]+)\]\(\/media\/demo\/frontline-map\.svg "([^"]+)"\)/);
    expect(match).not.toBeNull();
    expect(match?.[1]).toMatch(/^Map of the eastern front line/);
    expect(match?.[2]).toMatch(/^Click to see the full-size map\. Situation as of .+Map: Outpost Dispatch$/);
  });

  it('only references images that demoAssets provides', () => {
    const names = new Set(demoAssets().map((a) => a.name));
    for (const a of demoArticles) {
      if (a.coverImage) expect(names.has(a.coverImage), a.coverImage).toBe(true);
      for (const m of a.bodyMarkdown.matchAll(/\/media\/demo\/([a-z0-9.-]+)/g)) expect(names.has(m[1] ?? ''), m[1]).toBe(true);
    }
    expect(demoArticles.filter((a) => a.coverImage).length).toBeGreaterThanOrEqual(3);
  });

  it('spreads publication over at least three months, with two in the last 48 hours', () => {
    const published = demoArticles.filter((a) => a.status !== 'scheduled');
    const months = new Set(
      published.map((a) => {
        const d = new Date(NOW - a.daysAgo * DAY);
        return `${d.getUTCFullYear()}-${d.getUTCMonth()}`;
      }),
    );
    expect(months.size).toBeGreaterThanOrEqual(3);
    for (const a of published) expect(a.daysAgo).toBeGreaterThanOrEqual(0);
    // Whatever the time of day, daysAgo 1 at any hour is within 48 hours (daysAgo 0 could be in the future).
    expect(published.filter((a) => a.daysAgo === 1).length).toBeGreaterThanOrEqual(2);
    expect(Math.max(...published.map((a) => a.daysAgo))).toBeLessThanOrEqual(100);
  });

  it('has exactly one article scheduled two days ahead', () => {
    const scheduled = demoArticles.filter((a) => a.status === 'scheduled');
    expect(scheduled).toHaveLength(1);
    expect(scheduled[0]?.daysAgo).toBe(-2);
  });

  it('is fictional: Outpost Dispatch addresses and no real-world video elsewhere', () => {
    for (const a of demoArticles) expect(a.bodyMarkdown).not.toMatch(/https?:\/\//);
  });
});
