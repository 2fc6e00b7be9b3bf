import { describe, expect, it } from 'vitest';
import { demoAssets } from './assets.js';

const assets = demoAssets();

function asset(name: string): string {
  const found = assets.find((a) => a.name === name);
  if (!found) throw new Error(`missing asset ${name}`);
  return found.contents;
}

/** Counts of opening and closing tags of an element (`<g>`, `<g …>` vs `</g>`). */
function tagBalance(svg: string, tag: string): { open: number; close: number } {
  const open = svg.match(new RegExp(`<${tag}[\\s>]`, 'g'))?.length ?? 0;
  const selfClosing = svg.match(new RegExp(`<${tag}\\b[^>]*/>`, 'g'))?.length ?? 0;
  const close = svg.match(new RegExp(`</${tag}>`, 'g'))?.length ?? 0;
  return { open: open - selfClosing, close };
}

describe('demoAssets', () => {
  it('has the map and 3–4 covers, with unique, safe file names', () => {
    const names = assets.map((a) => a.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('frontline-map.svg');
    const covers = names.filter((name) => /^cover-[a-z0-9-]+\.svg$/.test(name));
    expect(covers.length).toBeGreaterThanOrEqual(3);
    expect(covers.length).toBeLessThanOrEqual(4);
    for (const name of names) expect(name).toMatch(/^[a-z0-9-]+\.svg$/);
  });

  it.each(assets.map((a) => [a.name, a.contents] as const))('%s is well-formed SVG', (_name, svg) => {
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg).toMatch(/<title[^>]*>[^<]+<\/title>/);
    expect(svg).not.toMatch(/NaN|Infinity|undefined|\[object/);
    for (const tag of ['svg', 'g', 'text', 'defs', 'pattern', 'linearGradient', 'radialGradient', 'filter']) {
      const { open, close } = tagBalance(svg, tag);
      expect(open, `<${tag}> balance`).toBe(close);
    }
    // No raw ampersands or stray angle brackets inside text.
    expect(svg).not.toMatch(/&(?!amp;|lt;|gt;|quot;|#)/);
    for (const m of svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)) expect(m[1]).not.toMatch(/[<>]/);
  });

  it('is deterministic', () => {
    expect(demoAssets()).toEqual(assets);
  });

  it('draws a large, detailed map with a front line', () => {
    const map = asset('frontline-map.svg');
    expect(map.length).toBeGreaterThan(30_000);
    expect(map).toMatch(/viewBox="0 0 2400 1600"/);
    expect(map).toContain('id="front-line"');
    expect(map).toMatch(/stroke="#c62828" stroke-width="9" stroke-dasharray/);
    expect(map).toContain('id="legend"');
    expect(map).toContain('id="scale-bar"');
    expect(map).toContain('id="north-arrow"');
    expect(map).toContain('font-family="system-ui, sans-serif"');
    for (const town of ['Kessar', 'Marel', 'Haldra', 'Zarech', 'Dunvel']) expect(map).toContain(`>${town}</text>`);
  });

  it('keeps covers small and 1600×900', () => {
    for (const a of assets.filter((x) => x.name.startsWith('cover-'))) {
      expect(a.contents, a.name).toMatch(/viewBox="0 0 1600 900"/);
      expect(Buffer.byteLength(a.contents), a.name).toBeLessThan(20_000);
    }
  });
});
