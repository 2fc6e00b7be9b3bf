/**
 * Demo images, generated in code as SVG so the repository carries no binaries:
 * a large, detailed map of the (fictional) eastern front along the Ostra river,
 * and a few illustrative cover images. Output is deterministic: the same code
 * always produces byte-identical files.
 */

export interface DemoAsset {
  name: string;
  contents: string;
}

export function demoAssets(): Array<{ name: string; contents: string }> {
  return [
    { name: 'frontline-map.svg', contents: frontlineMap() },
    { name: 'cover-power-lines.svg', contents: coverPowerLines() },
    { name: 'cover-river-crossing.svg', contents: coverRiverCrossing() },
    { name: 'cover-convoy.svg', contents: coverConvoy() },
    { name: 'cover-skyline.svg', contents: coverSkyline() },
  ];
}

// ---------------------------------------------------------------------------
// Helpers

type Pt = readonly [number, number];

const FONT = 'system-ui, sans-serif';

/** A number for SVG output, rounded to 0.1; throws rather than emit NaN or Infinity. */
function n(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`Non-finite number in SVG output: ${value}`);
  const rounded = Math.round(value * 10) / 10;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** mulberry32: a small, fast, seeded PRNG returning [0, 1). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function between(rand: () => number, min: number, max: number): number {
  return min + rand() * (max - min);
}

function svgOpen(width: number, height: number, title: string, desc: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="t d">\n` +
    `<title id="t">${esc(title)}</title>\n<desc id="d">${esc(desc)}</desc>\n`
  );
}

interface TextOptions {
  size: number;
  fill?: string;
  weight?: number | string;
  anchor?: 'start' | 'middle' | 'end';
  italic?: boolean;
  halo?: string;
  haloWidth?: number;
  spacing?: number;
  rotate?: number;
  opacity?: number;
}

function text(x: number, y: number, content: string, o: TextOptions): string {
  const attrs = [
    `x="${n(x)}"`,
    `y="${n(y)}"`,
    `font-family="${FONT}"`,
    `font-size="${n(o.size)}"`,
    `fill="${o.fill ?? '#222'}"`,
  ];
  if (o.weight !== undefined) attrs.push(`font-weight="${o.weight}"`);
  if (o.anchor && o.anchor !== 'start') attrs.push(`text-anchor="${o.anchor}"`);
  if (o.italic) attrs.push('font-style="italic"');
  if (o.spacing !== undefined) attrs.push(`letter-spacing="${n(o.spacing)}"`);
  if (o.opacity !== undefined) attrs.push(`opacity="${n(o.opacity)}"`);
  if (o.halo) {
    attrs.push(`stroke="${o.halo}"`, `stroke-width="${n(o.haloWidth ?? 5)}"`, 'stroke-linejoin="round"', 'paint-order="stroke"');
  }
  if (o.rotate) attrs.push(`transform="rotate(${n(o.rotate)} ${n(x)} ${n(y)})"`);
  return `<text ${attrs.join(' ')}>${esc(content)}</text>`;
}

/** A smooth path through the points (Catmull–Rom converted to cubic Béziers). */
function smoothPath(points: readonly Pt[], closed = false): string {
  const count = points.length;
  if (count < 2) return '';
  const at = (i: number): Pt => {
    const index = closed ? (i + count) % count : Math.max(0, Math.min(count - 1, i));
    const p = points[index];
    if (!p) throw new Error('point out of range');
    return p;
  };
  const first = at(0);
  let d = `M${n(first[0])} ${n(first[1])}`;
  const segments = closed ? count : count - 1;
  for (let i = 0; i < segments; i++) {
    const p0 = at(i - 1);
    const p1 = at(i);
    const p2 = at(i + 1);
    const p3 = at(i + 2);
    const c1x = p1[0] + (p2[0] - p0[0]) / 6;
    const c1y = p1[1] + (p2[1] - p0[1]) / 6;
    const c2x = p2[0] - (p3[0] - p1[0]) / 6;
    const c2y = p2[1] - (p3[1] - p1[1]) / 6;
    d += `C${n(c1x)} ${n(c1y)} ${n(c2x)} ${n(c2y)} ${n(p2[0])} ${n(p2[1])}`;
  }
  return closed ? `${d}Z` : d;
}

function polyPath(points: readonly Pt[], closed = false): string {
  const d = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${n(p[0])} ${n(p[1])}`).join('');
  return closed ? `${d}Z` : d;
}

/**
 * Densifies a polyline and displaces it sideways with smooth, seeded noise, so
 * hand-placed control points become a natural-looking river, road or line.
 * The two end points stay where they are.
 */
function meander(control: readonly Pt[], seed: number, amplitude: number, step = 14): Pt[] {
  const rand = rng(seed);
  const waves = Array.from({ length: 4 }, (_, i) => ({
    freq: between(rand, 0.004, 0.012) * (i + 1),
    phase: between(rand, 0, Math.PI * 2),
    amp: amplitude / (i + 1.3),
  }));
  const dense: Array<{ p: Pt; nx: number; ny: number; s: number }> = [];
  let travelled = 0;
  for (let i = 0; i < control.length - 1; i++) {
    const a = control[i];
    const b = control[i + 1];
    if (!a || !b) continue;
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    const length = Math.hypot(dx, dy) || 1;
    const steps = Math.max(1, Math.round(length / step));
    for (let k = 0; k < steps; k++) {
      const t = k / steps;
      dense.push({ p: [a[0] + dx * t, a[1] + dy * t], nx: -dy / length, ny: dx / length, s: travelled + length * t });
    }
    travelled += length;
  }
  const last = control[control.length - 1];
  if (last) dense.push({ p: last, nx: 0, ny: 0, s: travelled });
  return dense.map(({ p, nx, ny, s }) => {
    const envelope = Math.sin(Math.PI * Math.min(1, s / (travelled || 1)));
    const offset = waves.reduce((sum, w) => sum + Math.sin(s * w.freq + w.phase) * w.amp, 0) * envelope;
    return [p[0] + nx * offset, p[1] + ny * offset] as const;
  });
}

/** A closed, irregular blob around a centre (for hills, forests, lakes). */
function blob(cx: number, cy: number, rx: number, ry: number, seed: number, points = 28, roughness = 0.22): Pt[] {
  const rand = rng(seed);
  const harmonics = Array.from({ length: 3 }, (_, i) => ({ k: i + 2, phase: between(rand, 0, Math.PI * 2), amp: between(rand, 0.3, 1) * roughness }));
  const out: Pt[] = [];
  for (let i = 0; i < points; i++) {
    const angle = (i / points) * Math.PI * 2;
    const r = 1 + harmonics.reduce((sum, h) => sum + Math.sin(angle * h.k + h.phase) * h.amp, 0) / 2 + between(rand, -0.04, 0.04);
    out.push([cx + Math.cos(angle) * rx * r, cy + Math.sin(angle) * ry * r]);
  }
  return out;
}

function segmentIntersection(a: Pt, b: Pt, c: Pt, d: Pt): Pt | null {
  const r0 = b[0] - a[0];
  const r1 = b[1] - a[1];
  const s0 = d[0] - c[0];
  const s1 = d[1] - c[1];
  const denom = r0 * s1 - r1 * s0;
  if (Math.abs(denom) < 1e-9) return null;
  const t = ((c[0] - a[0]) * s1 - (c[1] - a[1]) * s0) / denom;
  const u = ((c[0] - a[0]) * r1 - (c[1] - a[1]) * r0) / denom;
  return t >= 0 && t <= 1 && u >= 0 && u <= 1 ? [a[0] + t * r0, a[1] + t * r1] : null;
}

/** Where two polylines first cross, if they do. */
function crossing(line: readonly Pt[], other: readonly Pt[]): Pt | null {
  for (let i = 0; i < line.length - 1; i++) {
    for (let j = 0; j < other.length - 1; j++) {
      const a = line[i];
      const b = line[i + 1];
      const c = other[j];
      const d = other[j + 1];
      if (!a || !b || !c || !d) continue;
      const hit = segmentIntersection(a, b, c, d);
      if (hit) return hit;
    }
  }
  return null;
}

/** The x position of a polyline at height y (first match), for placing things beside it. */
function xAtY(line: readonly Pt[], y: number): number {
  for (let i = 0; i < line.length - 1; i++) {
    const a = line[i];
    const b = line[i + 1];
    if (!a || !b) continue;
    if ((a[1] - y) * (b[1] - y) <= 0 && a[1] !== b[1]) return a[0] + ((y - a[1]) / (b[1] - a[1])) * (b[0] - a[0]);
  }
  return line[0]?.[0] ?? 0;
}

// ---------------------------------------------------------------------------
// The front-line map

const MAP_W = 2400;
const MAP_H = 1600;

/** Height of the coast at x: the Gulf of Marel fills the map below this line. */
function coastY(x: number): number {
  return 1372 + Math.sin(x / 170) * 22 + Math.sin(x / 61 + 1.3) * 9 + Math.sin(x / 23 + 0.4) * 3 + (x > 1400 ? (x - 1400) * 0.03 : 0);
}

interface Town {
  name: string;
  at: Pt;
  kind: 'capital' | 'town' | 'village';
  held: 'velmora' | 'federation';
  labelDx?: number;
  labelDy?: number;
  anchor?: 'start' | 'middle' | 'end';
  note?: string;
}

const TOWNS: Town[] = [
  { name: 'Kessar', at: [720, 620], kind: 'capital', held: 'velmora', note: 'Regional capital', labelDx: -26, labelDy: -26, anchor: 'end' },
  { name: 'Marel', at: [960, 1318], kind: 'town', held: 'velmora', note: 'Port', labelDx: -22, labelDy: -16, anchor: 'end' },
  { name: 'Sevrin', at: [420, 980], kind: 'town', held: 'velmora' },
  { name: 'Vorna', at: [330, 360], kind: 'town', held: 'velmora' },
  { name: 'Ardash', at: [1060, 240], kind: 'town', held: 'velmora' },
  { name: 'Haldra', at: [1290, 440], kind: 'town', held: 'velmora', note: 'Evacuated', labelDx: -20, anchor: 'end' },
  { name: 'Zarech', at: [1330, 1010], kind: 'town', held: 'velmora', labelDx: -20, anchor: 'end' },
  { name: 'Tolva', at: [1660, 960], kind: 'town', held: 'federation' },
  { name: 'Dunvel', at: [1950, 596], kind: 'town', held: 'federation', note: 'Power plant' },
  { name: 'Pelyn', at: [1770, 1290], kind: 'town', held: 'federation' },
  { name: 'Kalin', at: [860, 860], kind: 'village', held: 'velmora' },
  { name: 'Obra', at: [1560, 300], kind: 'village', held: 'federation' },
  { name: 'Vesk', at: [1190, 1160], kind: 'village', held: 'velmora' },
  { name: 'Tamar', at: [560, 760], kind: 'village', held: 'velmora' },
  { name: 'Hollin', at: [1000, 470], kind: 'village', held: 'velmora' },
  { name: 'Pryn', at: [2160, 860], kind: 'village', held: 'federation' },
  { name: 'Lesno', at: [1380, 720], kind: 'village', held: 'federation' },
  { name: 'Grada', at: [620, 1200], kind: 'village', held: 'velmora' },
  { name: 'Sosna', at: [1820, 420], kind: 'village', held: 'federation' },
  { name: 'Brel', at: [160, 640], kind: 'village', held: 'velmora' },
];

function town(name: string): Pt {
  const found = TOWNS.find((t) => t.name === name);
  if (!found) throw new Error(`Unknown town ${name}`);
  return found.at;
}

function frontlineMap(): string {
  const rand = rng(20_240_611);
  const out: string[] = [];
  const title = 'The eastern front: the Ostra valley';
  out.push(
    svgOpen(
      MAP_W,
      MAP_H,
      `${title} — map of the front line`,
      'Fictional map for the Outpost demo. A dashed red front line runs from the forests north of Haldra, touches the Ostra river at its bend and reaches the Gulf of Marel west of Pelyn. Federation-held ground east of the line is shaded red; ground taken in the past 30 days is hatched. Map: Outpost Dispatch.',
    ),
  );

  // Geometry shared by several layers.
  const ostra = meander(
    [
      [860, -20],
      [905, 150],
      [985, 300],
      [1100, 420],
      [1190, 560],
      [1165, 700],
      [1205, 820],
      [1125, 950],
      [1062, 1100],
      [1020, 1250],
      [990, coastY(990) + 30],
    ],
    11,
    26,
    22,
  );
  const lisk = meander(
    [
      [2420, 410],
      [2200, 470],
      [1950, 560],
      [1700, 650],
      [1480, 760],
      [1300, 805],
      [1205, 820],
    ],
    12,
    22,
    22,
  );
  const streams: Pt[][] = [
    meander([[0, 820], [200, 860], [420, 900], [640, 930], [860, 960], [1125, 950]], 13, 16),
    meander([[560, -20], [620, 200], [700, 360], [860, 420], [1100, 420]], 14, 14),
    meander([[1640, -20], [1680, 200], [1720, 420], [1700, 650]], 15, 12),
    meander([[2150, 1400], [2080, 1200], [2000, 1000], [1900, 820], [1950, 560]], 16, 14),
    meander([[300, 1100], [340, 1240], [420, 1330], [470, coastY(470) + 20]], 17, 10),
  ];
  const front = meander(
    [
      [1580, -20],
      [1500, 180],
      [1420, 370],
      [1320, 520],
      [1262, 640],
      [1300, 770],
      [1395, 890],
      [1440, 1000],
      [1530, 1120],
      [1630, 1250],
      [1700, coastY(1700) + 4],
    ],
    18,
    18,
    16,
  );
  // Where the line stood 30 days ago: further east at the bend, nearly the same elsewhere.
  const before = front.map(([x, y]) => {
    const push = 150 * Math.exp(-((y - 640) ** 2) / (2 * 150 ** 2)) + 30 * Math.exp(-((y - 1000) ** 2) / (2 * 70 ** 2));
    return [x + push, y] as const;
  });

  out.push('<defs>');
  out.push(
    '<pattern id="hatch" width="14" height="14" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="14" height="14" fill="#e9a59d" fill-opacity="0.35"/><line x1="0" y1="0" x2="0" y2="14" stroke="#c0392b" stroke-width="4" stroke-opacity="0.55"/></pattern>',
    '<pattern id="marsh" width="22" height="12" patternUnits="userSpaceOnUse"><path d="M3 8h8M13 4h6" stroke="#6f9c8f" stroke-width="1.4"/></pattern>',
    '<linearGradient id="sea" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#bcd9ea"/><stop offset="1" stop-color="#8fbcd8"/></linearGradient>',
    '<radialGradient id="upland" cx="0.8" cy="0.2" r="0.7"><stop offset="0" stop-color="#e2d3b4"/><stop offset="1" stop-color="#efe9dc" stop-opacity="0"/></radialGradient>',
    '<filter id="shadow" x="-10%" y="-10%" width="120%" height="130%"><feDropShadow dx="0" dy="3" stdDeviation="5" flood-color="#000" flood-opacity="0.18"/></filter>',
  );
  out.push('</defs>');

  // Land and relief.
  out.push('<g id="terrain">');
  out.push(`<rect width="${MAP_W}" height="${MAP_H}" fill="#efe9dc"/>`);
  out.push(`<rect width="${MAP_W}" height="${MAP_H}" fill="url(#upland)"/>`);
  // Fields: a patchwork of faint parcels across the farmland.
  const fieldColours = ['#ece3c8', '#e6e4c4', '#f1e6cf', '#e2e6c9', '#ebdcc0'];
  out.push('<g id="fields" stroke="#e0d6bb" stroke-width="1">');
  for (let i = 0; i < 220; i++) {
    const x = between(rand, 20, MAP_W - 60);
    const y = between(rand, 160, 1330);
    if (y > coastY(x) - 40) continue;
    const w = between(rand, 40, 110);
    const h = between(rand, 25, 70);
    const angle = between(rand, -25, 25);
    const colour = fieldColours[Math.floor(rand() * fieldColours.length)] ?? '#ece3c8';
    out.push(`<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" fill="${colour}" transform="rotate(${n(angle)} ${n(x + w / 2)} ${n(y + h / 2)})"/>`);
  }
  out.push('</g>');
  // Hills, drawn as nested contour lines.
  const hills: Array<[number, number, number, number]> = [
    [1980, 260, 260, 170],
    [2230, 620, 170, 230],
    [1520, 130, 170, 110],
    [380, 160, 200, 120],
    [1640, 820, 150, 100],
    [180, 1200, 150, 110],
  ];
  hills.forEach(([cx, cy, rx, ry], h) => {
    for (let level = 0; level < 6; level++) {
      const k = 1 - level * 0.15;
      const shade = 200 - level * 9;
      out.push(
        `<path d="${smoothPath(blob(cx + level * 6, cy - level * 4, rx * k, ry * k, 100 + h * 10 + level, 32, 0.26), true)}" fill="rgb(${shade + 32},${shade + 18},${shade - 8})" fill-opacity="0.22" stroke="#b9a27a" stroke-opacity="0.55" stroke-width="${level === 0 ? 1.6 : 1}"/>`,
      );
    }
    const peak: Pt = [cx + 30, cy - 20];
    out.push(`<path d="M${n(peak[0] - 8)} ${n(peak[1] + 6)}L${n(peak[0])} ${n(peak[1] - 8)}L${n(peak[0] + 8)} ${n(peak[1] + 6)}Z" fill="#7d6a4a"/>`);
    out.push(text(peak[0], peak[1] + 24, `${Math.round(180 + h * 37 + rand() * 60)} m`, { size: 15, fill: '#7d6a4a', anchor: 'middle', italic: true }));
  });
  out.push('</g>');

  // Forests: soft blobs dotted with tree symbols.
  out.push('<g id="forests">');
  const forests: Array<[number, number, number, number]> = [
    [1180, 180, 170, 90],
    [1380, 300, 130, 110],
    [1720, 230, 150, 90],
    [520, 470, 140, 80],
    [880, 720, 110, 70],
    [260, 540, 120, 90],
    [1500, 560, 110, 70],
    [2100, 1080, 160, 90],
    [740, 1080, 130, 70],
    [1860, 940, 100, 70],
    [2280, 250, 110, 120],
    [160, 880, 110, 60],
  ];
  forests.forEach(([cx, cy, rx, ry], f) => {
    const shape = blob(cx, cy, rx, ry, 300 + f, 30, 0.3);
    out.push(`<path d="${smoothPath(shape, true)}" fill="#cfdcb4" stroke="#a9c08a" stroke-width="1.5"/>`);
    const trees = Math.round((rx * ry) / 900);
    for (let t = 0; t < trees; t++) {
      const angle = rand() * Math.PI * 2;
      const dist = Math.sqrt(rand()) * 0.78;
      const tx = cx + Math.cos(angle) * rx * dist;
      const ty = cy + Math.sin(angle) * ry * dist;
      out.push(`<circle cx="${n(tx)}" cy="${n(ty)}" r="${n(between(rand, 3.5, 6.5))}" fill="#8fae6e" fill-opacity="0.8"/>`);
    }
  });
  out.push('</g>');

  // A grid of faint map squares (each 10 km).
  out.push('<g id="grid" stroke="#b8ad95" stroke-opacity="0.35" stroke-width="1">');
  for (let x = 200; x < MAP_W; x += 200) out.push(`<line x1="${x}" y1="0" x2="${x}" y2="${MAP_H}"/>`);
  for (let y = 200; y < MAP_H; y += 200) out.push(`<line x1="0" y1="${y}" x2="${MAP_W}" y2="${y}"/>`);
  out.push('</g>');

  // Control: Federation-held ground east of the line, and the ground taken in the past 30 days.
  const eastClose: Pt[] = [
    [MAP_W + 20, coastY(MAP_W) + 40],
    [MAP_W + 20, -20],
  ];
  out.push('<g id="control">');
  out.push(`<path d="${polyPath([...front, ...eastClose], true)}" fill="#d9534a" fill-opacity="0.2"/>`);
  out.push(`<path d="${polyPath([...front, ...[...before].reverse()], true)}" fill="url(#hatch)"/>`);
  out.push(`<path d="${smoothPath(before)}" fill="none" stroke="#8a5a55" stroke-width="3" stroke-dasharray="2 8" stroke-linecap="round"/>`);
  out.push('</g>');

  // Sea, shallows and a marsh at the river mouth.
  const coast: Pt[] = [];
  for (let x = -20; x <= MAP_W + 20; x += 12) coast.push([x, coastY(x)]);
  out.push('<g id="sea">');
  out.push(`<path d="${polyPath([...coast, [MAP_W + 20, MAP_H + 20], [-20, MAP_H + 20]], true)}" fill="url(#sea)"/>`);
  for (let band = 1; band <= 3; band++) {
    out.push(`<path d="${polyPath(coast.map(([x, y]) => [x, y + band * 16] as const))}" fill="none" stroke="#ffffff" stroke-opacity="${n(0.45 - band * 0.12)}" stroke-width="2"/>`);
  }
  out.push(`<path d="${polyPath(coast)}" fill="none" stroke="#5f8fae" stroke-width="3"/>`);
  out.push(`<path d="${smoothPath(blob(1010, 1290, 90, 34, 401, 24, 0.25), true)}" fill="url(#marsh)" stroke="#6f9c8f" stroke-opacity="0.5"/>`);
  out.push(`<path d="${smoothPath(blob(1300, 1500, 70, 26, 402, 20, 0.3), true)}" fill="#ede6d3" stroke="#5f8fae" stroke-width="2"/>`);
  out.push(text(1300, 1545, 'Gull Island', { size: 16, fill: '#3f6f8f', anchor: 'middle', italic: true }));
  out.push(text(1480, 1470, 'Gulf of Marel', { size: 34, fill: '#3f6f8f', anchor: 'middle', italic: true, spacing: 6 }));
  out.push('</g>');

  // Rivers: a pale casing under a blue line, widening downstream.
  out.push('<g id="rivers" fill="none" stroke-linecap="round" stroke-linejoin="round">');
  for (const s of streams) out.push(`<path d="${smoothPath(s)}" stroke="#6fa3c7" stroke-width="3"/>`);
  out.push(`<path d="${smoothPath(lisk)}" stroke="#cfe3f0" stroke-width="11"/>`);
  out.push(`<path d="${smoothPath(lisk)}" stroke="#4f8fbf" stroke-width="6"/>`);
  out.push(`<path d="${smoothPath(ostra)}" stroke="#cfe3f0" stroke-width="16"/>`);
  out.push(`<path d="${smoothPath(ostra)}" stroke="#3f82b8" stroke-width="10"/>`);
  // Reservoir on the upper Lisk.
  out.push(`<path d="${smoothPath(blob(2330, 430, 60, 36, 403, 22, 0.3), true)}" fill="#7fb2d6" stroke="#3f82b8" stroke-width="2"/>`);
  out.push(`<rect x="2262" y="430" width="14" height="34" fill="#555" transform="rotate(-12 2269 447)"/>`);
  out.push(text(2330, 492, 'Lisk dam', { size: 15, fill: '#333', anchor: 'middle', halo: '#efe9dc', haloWidth: 4 }));
  out.push(text(1080, 360, 'Ostra', { size: 24, fill: '#2b6a9c', italic: true, rotate: 48, halo: '#efe9dc', haloWidth: 5, spacing: 3 }));
  out.push(text(1150, 1075, 'Ostra', { size: 24, fill: '#2b6a9c', italic: true, rotate: -66, halo: '#efe9dc', haloWidth: 5, spacing: 3 }));
  out.push(text(1740, 622, 'Lisk', { size: 22, fill: '#2b6a9c', italic: true, rotate: -20, halo: '#efe9dc', haloWidth: 5, spacing: 3 }));
  out.push(text(300, 880, 'Vesna', { size: 16, fill: '#2b6a9c', italic: true, rotate: 8, halo: '#efe9dc', haloWidth: 4 }));
  out.push('</g>');

  // Roads and railway.
  const roadPairs: Array<[string, string, 'main' | 'minor']> = [
    ['Kessar', 'Haldra', 'main'],
    ['Kessar', 'Marel', 'main'],
    ['Kessar', 'Vorna', 'main'],
    ['Kessar', 'Sevrin', 'main'],
    ['Kessar', 'Ardash', 'minor'],
    ['Marel', 'Zarech', 'main'],
    ['Zarech', 'Tolva', 'main'],
    ['Tolva', 'Dunvel', 'main'],
    ['Haldra', 'Dunvel', 'main'],
    ['Marel', 'Pelyn', 'minor'],
    ['Sevrin', 'Grada', 'minor'],
    ['Grada', 'Marel', 'minor'],
    ['Kessar', 'Tamar', 'minor'],
    ['Kessar', 'Kalin', 'minor'],
    ['Kalin', 'Zarech', 'minor'],
    ['Haldra', 'Obra', 'minor'],
    ['Ardash', 'Haldra', 'minor'],
    ['Vesk', 'Zarech', 'minor'],
    ['Tolva', 'Pelyn', 'minor'],
    ['Dunvel', 'Pryn', 'minor'],
    ['Dunvel', 'Sosna', 'minor'],
    ['Vorna', 'Brel', 'minor'],
    ['Hollin', 'Kessar', 'minor'],
    ['Lesno', 'Haldra', 'minor'],
  ];
  const roads = roadPairs.map(([from, to, kind], i) => ({ kind, line: meander([town(from), town(to)], 500 + i, kind === 'main' ? 10 : 14, 30) }));
  out.push('<g id="roads" fill="none" stroke-linecap="round" stroke-linejoin="round">');
  for (const r of roads) out.push(`<path d="${smoothPath(r.line)}" stroke="#ffffff" stroke-width="${r.kind === 'main' ? 9 : 6}"/>`);
  for (const r of roads) out.push(`<path d="${smoothPath(r.line)}" stroke="${r.kind === 'main' ? '#d7a24a' : '#9a9385'}" stroke-width="${r.kind === 'main' ? 5 : 2.5}"/>`);
  out.push('</g>');
  const rail = meander([town('Vorna'), [520, 520], town('Kessar'), [980, 820], [1180, 960], town('Zarech'), town('Tolva'), [1820, 780], town('Dunvel')], 600, 8, 26);
  out.push('<g id="railway" fill="none">');
  out.push(`<path d="${smoothPath(rail)}" stroke="#333" stroke-width="6"/>`);
  out.push(`<path d="${smoothPath(rail)}" stroke="#ffffff" stroke-width="3" stroke-dasharray="14 14"/>`);
  out.push('</g>');

  // Crossings on the Ostra: destroyed bridges and the pontoon.
  out.push('<g id="crossings">');
  const bridgeRoads = roads.filter((_, i) => {
    const pair = roadPairs[i];
    return pair && pair[0] === 'Kessar' && (pair[1] === 'Haldra' || pair[1] === 'Ardash');
  });
  for (const r of bridgeRoads) {
    const hit = crossing(r.line, ostra);
    if (!hit) continue;
    out.push(`<circle cx="${n(hit[0])}" cy="${n(hit[1])}" r="14" fill="#fff" stroke="#b3261e" stroke-width="3"/>`);
    out.push(`<path d="M${n(hit[0] - 7)} ${n(hit[1] - 7)}L${n(hit[0] + 7)} ${n(hit[1] + 7)}M${n(hit[0] + 7)} ${n(hit[1] - 7)}L${n(hit[0] - 7)} ${n(hit[1] + 7)}" stroke="#b3261e" stroke-width="3.5" stroke-linecap="round"/>`);
  }
  const pontoonY = 760;
  const pontoonX = xAtY(ostra, pontoonY);
  out.push(`<rect x="${n(pontoonX - 22)}" y="${n(pontoonY - 5)}" width="44" height="10" rx="3" fill="#5b4a2f" stroke="#fff" stroke-width="2"/>`);
  out.push(text(pontoonX - 30, pontoonY + 5, 'Pontoon', { size: 14, fill: '#5b4a2f', anchor: 'end', halo: '#efe9dc', haloWidth: 4 }));
  const railHit = crossing(rail, ostra);
  if (railHit) out.push(text(railHit[0] - 16, railHit[1] + 30, 'Rail bridge', { size: 14, fill: '#333', anchor: 'end', halo: '#efe9dc', haloWidth: 4 }));
  out.push('</g>');

  // The front line itself: a white casing, then a thick red dash.
  out.push('<g id="front-line" fill="none" stroke-linecap="round" stroke-linejoin="round">');
  out.push(`<path d="${smoothPath(front)}" stroke="#ffffff" stroke-width="14" stroke-opacity="0.9"/>`);
  out.push(`<path d="${smoothPath(front)}" stroke="#c62828" stroke-width="9" stroke-dasharray="26 12"/>`);
  out.push('</g>');

  // Recent shelling and clashes near the line.
  out.push('<g id="strikes">');
  for (let i = 0; i < 26; i++) {
    const p = front[Math.floor(between(rand, 4, front.length - 4))];
    if (!p) continue;
    const x = p[0] + between(rand, -110, 70);
    const y = p[1] + between(rand, -30, 30);
    if (y > coastY(x) - 20) continue;
    const star: Pt[] = [];
    for (let k = 0; k < 16; k++) {
      const r = k % 2 === 0 ? 10 : 4.5;
      const a = (k / 16) * Math.PI * 2;
      star.push([x + Math.cos(a) * r, y + Math.sin(a) * r]);
    }
    out.push(`<path d="${polyPath(star, true)}" fill="#f0a030" stroke="#8a4b00" stroke-width="1"/>`);
  }
  out.push('</g>');

  // Towns.
  out.push('<g id="towns">');
  const heldFill = { velmora: '#1f3b57', federation: '#8e1b1b' } as const;
  for (const t of TOWNS) {
    const [x, y] = t.at;
    const r = t.kind === 'capital' ? 15 : t.kind === 'town' ? 10 : 6;
    if (t.kind === 'capital') out.push(`<circle cx="${n(x)}" cy="${n(y)}" r="${r + 8}" fill="none" stroke="${heldFill[t.held]}" stroke-width="3"/>`);
    out.push(`<circle cx="${n(x)}" cy="${n(y)}" r="${r}" fill="${t.kind === 'village' ? '#fff' : heldFill[t.held]}" stroke="${t.kind === 'village' ? heldFill[t.held] : '#fff'}" stroke-width="3"/>`);
    const anchor = t.anchor ?? 'start';
    const dx = t.labelDx ?? (anchor === 'end' ? -r - 8 : r + 8);
    const dy = t.labelDy ?? 0;
    const size = t.kind === 'capital' ? 38 : t.kind === 'town' ? 28 : 19;
    out.push(
      text(x + dx, y + dy + size * 0.35, t.name, {
        size,
        fill: t.kind === 'village' ? '#444' : '#111',
        weight: t.kind === 'village' ? 500 : 700,
        anchor,
        halo: '#fbf8f1',
        haloWidth: t.kind === 'village' ? 4 : 6,
      }),
    );
    if (t.note) out.push(text(x + dx, y + dy + size * 0.35 + 22, t.note, { size: 16, fill: '#555', italic: true, anchor, halo: '#fbf8f1', haloWidth: 4 }));
  }
  out.push('</g>');

  // Area labels.
  out.push('<g id="area-labels">');
  out.push(text(560, 1080, 'HELD BY VELMORAN FORCES', { size: 30, fill: '#1f3b57', weight: 700, anchor: 'middle', spacing: 8, opacity: 0.55 }));
  out.push(text(2020, 760, 'OCCUPIED BY', { size: 30, fill: '#8e1b1b', weight: 700, anchor: 'middle', spacing: 8, opacity: 0.6 }));
  out.push(text(2020, 800, 'FEDERATION FORCES', { size: 30, fill: '#8e1b1b', weight: 700, anchor: 'middle', spacing: 8, opacity: 0.6 }));
  out.push(text(1395, 610, 'Ostra bend', { size: 22, fill: '#5a2d6e', weight: 600, italic: true, halo: '#fbf8f1', haloWidth: 5 }));
  out.push(text(1590, 40, 'to the border ↑', { size: 16, fill: '#555', italic: true }));
  out.push(text(40, 470, '← to the capital', { size: 16, fill: '#555', italic: true }));
  out.push('</g>');

  // Title block.
  out.push('<g id="title" filter="url(#shadow)">');
  out.push('<rect x="28" y="24" width="820" height="162" rx="10" fill="#ffffff" fill-opacity="0.94" stroke="#d4ccb8"/>');
  out.push('</g>');
  out.push('<g id="title-text">');
  out.push(text(56, 72, 'OUTPOST DISPATCH · MAP', { size: 17, fill: '#c62828', weight: 700, spacing: 3 }));
  out.push(text(56, 118, title, { size: 42, fill: '#111', weight: 800 }));
  out.push(text(56, 160, 'Situation as of 06:00 local time on the day of publication', { size: 20, fill: '#444' }));
  out.push('</g>');

  // Legend.
  const lx = 1905;
  const ly = 1035;
  out.push('<g id="legend">');
  out.push(`<rect x="${lx}" y="${ly}" width="468" height="540" rx="10" fill="#ffffff" fill-opacity="0.95" stroke="#d4ccb8" filter="url(#shadow)"/>`);
  out.push(text(lx + 24, ly + 44, 'Legend', { size: 26, fill: '#111', weight: 700 }));
  const rows: Array<[string, string]> = [
    [`<rect x="0" y="-13" width="46" height="26" fill="#d9534a" fill-opacity="0.2" stroke="#d9534a" stroke-opacity="0.4"/>`, 'Held by Federation forces'],
    [`<rect x="0" y="-13" width="46" height="26" fill="url(#hatch)"/>`, 'Taken in the past 30 days'],
    [`<path d="M0 0H46" stroke="#fff" stroke-width="12"/><path d="M0 0H46" stroke="#c62828" stroke-width="8" stroke-dasharray="18 7"/>`, 'Front line'],
    [`<path d="M0 0H46" stroke="#8a5a55" stroke-width="3" stroke-dasharray="2 8" stroke-linecap="round"/>`, 'Front line 30 days ago'],
    [`<path d="M0 0C15 -8 30 8 46 0" fill="none" stroke="#3f82b8" stroke-width="8"/>`, 'River'],
    [`<path d="M0 0H46" stroke="#d7a24a" stroke-width="5"/><path d="M0 9H46" stroke="#9a9385" stroke-width="2.5"/>`, 'Main road / minor road'],
    [`<path d="M0 0H46" stroke="#333" stroke-width="6"/><path d="M0 0H46" stroke="#fff" stroke-width="3" stroke-dasharray="8 8"/>`, 'Railway'],
    [`<circle cx="23" cy="0" r="12" fill="#fff" stroke="#b3261e" stroke-width="3"/><path d="M17 -6L29 6M29 -6L17 6" stroke="#b3261e" stroke-width="3"/>`, 'Destroyed bridge'],
    [`<path d="M23 -10L26 -4L33 -3L28 2L29 9L23 5L17 9L18 2L13 -3L20 -4Z" fill="#f0a030" stroke="#8a4b00"/>`, 'Reported shelling, past 7 days'],
    [`<circle cx="12" cy="0" r="9" fill="#1f3b57" stroke="#fff" stroke-width="2"/><circle cx="36" cy="0" r="9" fill="#8e1b1b" stroke="#fff" stroke-width="2"/>`, 'Town: Velmoran / occupied'],
  ];
  rows.forEach(([symbol, label], i) => {
    const y = ly + 88 + i * 44;
    out.push(`<g transform="translate(${lx + 24} ${y})" fill="none">${symbol}</g>`);
    out.push(text(lx + 88, y + 7, label, { size: 19, fill: '#222' }));
  });
  out.push(text(lx + 24, ly + 526, 'Sources: Outpost Dispatch reporting, local officials', { size: 14, fill: '#666' }));
  out.push('</g>');

  // North arrow and scale bar.
  out.push('<g id="north-arrow" transform="translate(110 1440)">');
  out.push('<circle r="46" fill="#ffffff" fill-opacity="0.85" stroke="#445"/>');
  out.push('<path d="M0 -38L14 12L0 4L-14 12Z" fill="#222"/><path d="M0 4L14 12L0 30L-14 12Z" fill="#fff" stroke="#222" stroke-width="1.5"/>');
  out.push(text(0, -52, 'N', { size: 24, fill: '#222', weight: 700, anchor: 'middle' }));
  out.push('</g>');
  out.push('<g id="scale-bar" transform="translate(210 1488)">');
  out.push('<rect x="-14" y="-46" width="360" height="82" rx="8" fill="#ffffff" fill-opacity="0.85"/>');
  for (let i = 0; i < 3; i++) out.push(`<rect x="${i * 100}" y="-10" width="100" height="12" fill="${i % 2 === 0 ? '#222' : '#fff'}" stroke="#222" stroke-width="1.5"/>`);
  for (let i = 0; i <= 3; i++) out.push(text(i * 100, 24, `${i * 10}`, { size: 16, fill: '#222', anchor: 'middle' }));
  out.push(text(322, 24, 'km', { size: 16, fill: '#222' }));
  out.push(text(0, -22, 'Scale', { size: 15, fill: '#555', italic: true }));
  out.push('</g>');
  out.push(text(40, 1580, 'Map: Outpost Dispatch. Fictional demonstration map; places and positions are invented.', { size: 15, fill: '#2d4f68' }));

  // A thin frame.
  out.push(`<rect x="1" y="1" width="${MAP_W - 2}" height="${MAP_H - 2}" fill="none" stroke="#8c8271" stroke-width="2"/>`);
  out.push('</svg>\n');
  return out.join('\n');
}

// ---------------------------------------------------------------------------
// Cover images (1600×900)

const CW = 1600;
const CH = 900;

function ridge(seed: number, base: number, amplitude: number, step = 40): string {
  const rand = rng(seed);
  const pts: Pt[] = [];
  const p1 = rand() * 6;
  const p2 = rand() * 6;
  for (let x = -40; x <= CW + 40; x += step) {
    pts.push([x, base - Math.sin(x / 260 + p1) * amplitude - Math.sin(x / 97 + p2) * amplitude * 0.35 - rand() * amplitude * 0.15]);
  }
  return `${smoothPath(pts)}L${CW + 40} ${CH + 10}L-40 ${CH + 10}Z`;
}

/** A lattice transmission tower standing at (x, groundY), of the given height. */
function pylon(x: number, groundY: number, height: number): { svg: string; arms: Pt[] } {
  const h = height;
  const w = h * 0.28;
  const top = groundY - h;
  const legs: Pt[] = [
    [x - w / 2, groundY],
    [x - w * 0.08, top],
    [x + w * 0.08, top],
    [x + w / 2, groundY],
  ];
  let d = polyPath(legs);
  // Cross-bracing.
  const levels = 6;
  for (let i = 0; i < levels; i++) {
    const y1 = groundY - (h * i) / levels;
    const y2 = groundY - (h * (i + 1)) / levels;
    const half1 = (w / 2) * (1 - (0.84 * i) / levels);
    const half2 = (w / 2) * (1 - (0.84 * (i + 1)) / levels);
    d += `M${n(x - half1)} ${n(y1)}L${n(x + half2)} ${n(y2)}M${n(x + half1)} ${n(y1)}L${n(x - half2)} ${n(y2)}`;
  }
  // Cross-arms.
  const arm1 = top + h * 0.08;
  const arm2 = top + h * 0.26;
  const span1 = w * 1.3;
  const span2 = w * 1.05;
  d += `M${n(x - span1)} ${n(arm1)}L${n(x + span1)} ${n(arm1)}M${n(x - span2)} ${n(arm2)}L${n(x + span2)} ${n(arm2)}`;
  d += `M${n(x - span1)} ${n(arm1)}L${n(x - w * 0.08)} ${n(arm1 - h * 0.05)}L${n(x + span1)} ${n(arm1)}`;
  const arms: Pt[] = [
    [x - span1, arm1 + 4],
    [x + span1, arm1 + 4],
    [x - span2, arm2 + 4],
    [x + span2, arm2 + 4],
  ];
  return { svg: `<path d="${d}" fill="none" stroke="#1a1226" stroke-width="${n(Math.max(1.5, h / 110))}" stroke-linejoin="round"/>`, arms };
}

function coverPowerLines(): string {
  const out: string[] = [
    svgOpen(CW, CH, 'Power lines at dusk', 'Illustration: high-voltage pylons and sagging power lines silhouetted against an orange and violet dusk sky over low hills.'),
    '<defs>',
    '<linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#1e2446"/><stop offset="0.45" stop-color="#6b3a6e"/><stop offset="0.75" stop-color="#d9675a"/><stop offset="1" stop-color="#f6b26b"/></linearGradient>',
    '<radialGradient id="sun" cx="0.5" cy="0.5" r="0.5"><stop offset="0" stop-color="#fff3d0"/><stop offset="0.4" stop-color="#ffd08a" stop-opacity="0.9"/><stop offset="1" stop-color="#ff9d5c" stop-opacity="0"/></radialGradient>',
    '</defs>',
    `<rect width="${CW}" height="${CH}" fill="url(#sky)"/>`,
    '<circle cx="1120" cy="640" r="260" fill="url(#sun)"/>',
    '<circle cx="1120" cy="640" r="58" fill="#ffe9bd"/>',
  ];
  const rand = rng(77);
  out.push('<g fill="#ffffff">');
  for (let i = 0; i < 60; i++) out.push(`<circle cx="${n(rand() * CW)}" cy="${n(rand() * 260)}" r="${n(between(rand, 0.6, 1.8))}" opacity="${n(between(rand, 0.3, 0.9))}"/>`);
  out.push('</g>');
  out.push(`<path d="${ridge(3, 700, 40)}" fill="#8a4a63" opacity="0.7"/>`);
  out.push(`<path d="${ridge(4, 760, 34)}" fill="#5a2f4f"/>`);
  // Pylons receding towards the horizon, joined by sagging wires.
  const towers = [
    { x: 180, ground: 900, h: 640 },
    { x: 700, ground: 830, h: 400 },
    { x: 1030, ground: 790, h: 250 },
    { x: 1240, ground: 770, h: 160 },
    { x: 1380, ground: 758, h: 100 },
    { x: 1470, ground: 752, h: 64 },
  ];
  const built = towers.map((t) => pylon(t.x, t.ground, t.h));
  out.push('<g>');
  for (const b of built) out.push(b.svg);
  out.push('</g>');
  out.push('<g fill="none" stroke="#1a1226" stroke-width="2" opacity="0.9">');
  for (let i = 0; i < built.length - 1; i++) {
    const a = built[i];
    const b = built[i + 1];
    if (!a || !b) continue;
    a.arms.forEach((pa, k) => {
      const pb = b.arms[k];
      if (!pb) return;
      const sag = Math.abs(pb[0] - pa[0]) * 0.12;
      out.push(`<path d="M${n(pa[0])} ${n(pa[1])}Q${n((pa[0] + pb[0]) / 2)} ${n((pa[1] + pb[1]) / 2 + sag)} ${n(pb[0])} ${n(pb[1])}"/>`);
    });
  }
  // Wires leaving the left edge from the nearest tower.
  const nearest = built[0];
  if (nearest) for (const p of nearest.arms) out.push(`<path d="M-20 ${n(p[1] - 60)}Q${n(p[0] / 2)} ${n(p[1] + 30)} ${n(p[0])} ${n(p[1])}"/>`);
  out.push('</g>');
  out.push(`<path d="${ridge(5, 860, 22)}" fill="#24142c"/>`);
  // Birds.
  out.push('<g fill="none" stroke="#1a1226" stroke-width="3" stroke-linecap="round">');
  for (let i = 0; i < 7; i++) {
    const bx = 820 + rand() * 380;
    const by = 220 + rand() * 160;
    const s = between(rand, 8, 16);
    out.push(`<path d="M${n(bx - s)} ${n(by)}Q${n(bx - s / 2)} ${n(by - s / 2)} ${n(bx)} ${n(by)}Q${n(bx + s / 2)} ${n(by - s / 2)} ${n(bx + s)} ${n(by)}"/>`);
  }
  out.push('</g>');
  out.push('</svg>\n');
  return out.join('\n');
}

function coverRiverCrossing(): string {
  const out: string[] = [
    svgOpen(CW, CH, 'A river crossing at dawn', 'Illustration: a misty river at dawn with a low pontoon crossing, a small boat, a treeline on the far bank and pale light on the water.'),
    '<defs>',
    '<linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#8fa9bd"/><stop offset="0.6" stop-color="#d8dfd9"/><stop offset="1" stop-color="#f1e3c8"/></linearGradient>',
    '<linearGradient id="water" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#b9c8c8"/><stop offset="1" stop-color="#5d7a84"/></linearGradient>',
    '<linearGradient id="mist" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#ffffff" stop-opacity="0"/><stop offset="0.5" stop-color="#ffffff" stop-opacity="0.55"/><stop offset="1" stop-color="#ffffff" stop-opacity="0"/></linearGradient>',
    '</defs>',
    `<rect width="${CW}" height="${CH}" fill="url(#sky)"/>`,
    '<circle cx="380" cy="300" r="70" fill="#fff6e0" opacity="0.55"/>',
  ];
  const rand = rng(91);
  // Far bank: a treeline of overlapping crowns.
  out.push(`<path d="${ridge(8, 430, 16, 60)}" fill="#7e928c"/>`);
  out.push('<g fill="#5f7a70">');
  for (let x = -20; x < CW + 20; x += 22) {
    const r = between(rand, 14, 30);
    out.push(`<circle cx="${n(x)}" cy="${n(445 - r * 0.6)}" r="${n(r)}"/>`);
  }
  out.push(`<rect x="0" y="440" width="${CW}" height="40"/>`);
  out.push('</g>');
  // Water.
  out.push(`<rect x="0" y="470" width="${CW}" height="${CH - 470}" fill="url(#water)"/>`);
  out.push('<g stroke="#eef3f0" stroke-linecap="round" opacity="0.55">');
  for (let i = 0; i < 70; i++) {
    const y = between(rand, 490, 860);
    const x = rand() * CW;
    const len = between(rand, 20, 120) * (y / 600);
    out.push(`<line x1="${n(x)}" y1="${n(y)}" x2="${n(x + len)}" y2="${n(y)}" stroke-width="${n(between(rand, 1, 3))}"/>`);
  }
  out.push('</g>');
  out.push(`<rect x="0" y="400" width="${CW}" height="160" fill="url(#mist)"/>`);
  // The pontoon crossing: a tapering deck receding to the far bank, with joints between pontoons.
  const near: Pt = [1560, 900];
  const far: Pt = [760, 462];
  const along: Pt = [far[0] - near[0], far[1] - near[1]];
  const len = Math.hypot(along[0], along[1]);
  const across: Pt = [-along[1] / len, along[0] / len];
  const deckAt = (t: number, side: number, widthNear: number, widthFar: number): Pt => {
    const w = widthNear + (widthFar - widthNear) * t;
    return [near[0] + along[0] * t + across[0] * w * side, near[1] + along[1] * t + across[1] * w * side];
  };
  out.push('<g>');
  out.push(`<path d="${polyPath([deckAt(0, 1, 36, 5), deckAt(1, 1, 36, 5), deckAt(1, -1, 36, 5), deckAt(0, -1, 36, 5)], true)}" fill="#3d3f3b"/>`);
  out.push(`<path d="${polyPath([deckAt(0, 1, 36, 5), deckAt(1, 1, 36, 5), deckAt(1, 0.55, 36, 5), deckAt(0, 0.55, 36, 5)], true)}" fill="#6b6d66"/>`);
  let joints = '';
  for (let i = 1; i < 16; i++) {
    const t = 1 - (1 - i / 16) ** 1.6;
    const a = deckAt(t, 1, 36, 5);
    const b = deckAt(t, -1, 36, 5);
    joints += `M${n(a[0])} ${n(a[1])}L${n(b[0])} ${n(b[1])}`;
  }
  out.push(`<path d="${joints}" stroke="#262724" stroke-width="3"/>`);
  out.push(`<path d="${polyPath([deckAt(0, -1, 36, 5), deckAt(1, -1, 36, 5)])}" stroke="#eef3f0" stroke-width="3" opacity="0.5"/>`);
  out.push('</g>');
  // A small boat with two figures.
  out.push('<g fill="#2a2b28">');
  out.push('<path d="M330 700L560 700L530 735L360 735Z"/>');
  out.push('<rect x="380" y="660" width="12" height="40" rx="5"/><circle cx="386" cy="650" r="11"/>');
  out.push('<rect x="470" y="668" width="12" height="32" rx="5"/><circle cx="476" cy="659" r="10"/>');
  out.push('<path d="M560 705L600 690L604 698L566 712Z"/>');
  out.push('</g>');
  out.push('<path d="M330 740Q445 752 560 740" stroke="#eef3f0" stroke-width="3" fill="none" opacity="0.6"/>');
  // Near bank reeds.
  out.push(`<path d="M0 840Q300 800 620 860L620 ${CH}L0 ${CH}Z" fill="#4a5a45"/>`);
  out.push('<g stroke="#3a4735" stroke-width="3" stroke-linecap="round" fill="none">');
  for (let i = 0; i < 55; i++) {
    const x = rand() * 600;
    const base = 860 + rand() * 40;
    const h = between(rand, 40, 130);
    out.push(`<path d="M${n(x)} ${n(base)}Q${n(x + between(rand, -10, 10))} ${n(base - h / 2)} ${n(x + between(rand, -25, 25))} ${n(base - h)}"/>`);
  }
  out.push('</g>');
  out.push('</svg>\n');
  return out.join('\n');
}

function coverConvoy(): string {
  const out: string[] = [
    svgOpen(CW, CH, 'A convoy at night', 'Illustration: silhouettes of a line of lorries on a dark road at night, headlights glowing through dust under a starry sky.'),
    '<defs>',
    '<linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#070b18"/><stop offset="0.7" stop-color="#1c2640"/><stop offset="1" stop-color="#3a3550"/></linearGradient>',
    '<radialGradient id="beam" cx="0.5" cy="0.5" r="0.5"><stop offset="0" stop-color="#fff4c9"/><stop offset="0.25" stop-color="#ffd77a" stop-opacity="0.7"/><stop offset="1" stop-color="#ffb347" stop-opacity="0"/></radialGradient>',
    '<linearGradient id="dust" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#c7a77a" stop-opacity="0"/><stop offset="1" stop-color="#c7a77a" stop-opacity="0.28"/></linearGradient>',
    '</defs>',
    `<rect width="${CW}" height="${CH}" fill="url(#sky)"/>`,
  ];
  const rand = rng(113);
  out.push('<g fill="#dfe6ff">');
  for (let i = 0; i < 140; i++) out.push(`<circle cx="${n(rand() * CW)}" cy="${n(rand() * 460)}" r="${n(between(rand, 0.5, 1.7))}" opacity="${n(between(rand, 0.25, 0.95))}"/>`);
  out.push('</g>');
  out.push('<circle cx="1320" cy="150" r="34" fill="#f1ecd6"/><circle cx="1334" cy="140" r="32" fill="#0d1322"/>');
  out.push(`<path d="${ridge(21, 560, 30)}" fill="#141a2c"/>`);
  // The road, running diagonally away from the viewer.
  out.push(`<path d="M-60 ${CH}L380 640L470 640L560 ${CH}Z" fill="#1d1b24"/>`);
  out.push(`<path d="M0 690Q700 600 1700 650L1700 ${CH}L0 ${CH}Z" fill="#0f1119"/>`);
  out.push('<path d="M-60 760L1700 640L1700 700L-60 860Z" fill="#26232c"/>');
  out.push('<path d="M-60 812L1700 672" stroke="#4a4550" stroke-width="3" stroke-dasharray="40 36"/>');
  // Lorries, receding to the right; each with a canvas body, cab, wheels and a headlight glow.
  const trucks = [
    { x: 80, y: 790, s: 1.25 },
    { x: 520, y: 745, s: 0.95 },
    { x: 870, y: 714, s: 0.72 },
    { x: 1140, y: 692, s: 0.55 },
    { x: 1340, y: 676, s: 0.42 },
    { x: 1490, y: 665, s: 0.33 },
  ];
  out.push(`<rect x="0" y="560" width="${CW}" height="240" fill="url(#dust)"/>`);
  for (const t of trucks) {
    const { x, y, s } = t;
    const gx = x + 300 * s;
    const gy = y - 28 * s;
    out.push(`<ellipse cx="${n(gx + 60 * s)}" cy="${n(gy)}" rx="${n(200 * s)}" ry="${n(70 * s)}" fill="url(#beam)"/>`);
    out.push(
      `<g fill="#05060b">` +
        `<path d="M${n(x)} ${n(y - 40 * s)}L${n(x)} ${n(y - 150 * s)}Q${n(x + 100 * s)} ${n(y - 172 * s)} ${n(x + 205 * s)} ${n(y - 150 * s)}L${n(x + 205 * s)} ${n(y - 40 * s)}Z"/>` +
        `<path d="M${n(x + 212 * s)} ${n(y - 40 * s)}L${n(x + 212 * s)} ${n(y - 118 * s)}L${n(x + 262 * s)} ${n(y - 118 * s)}L${n(x + 300 * s)} ${n(y - 70 * s)}L${n(x + 300 * s)} ${n(y - 40 * s)}Z"/>` +
        `<rect x="${n(x - 6 * s)}" y="${n(y - 44 * s)}" width="${n(312 * s)}" height="${n(14 * s)}"/>` +
        [30, 80, 245].map((wx) => `<circle cx="${n(x + wx * s)}" cy="${n(y - 22 * s)}" r="${n(21 * s)}"/>`).join('') +
        `</g>`,
    );
    out.push(`<path d="M${n(x + 222 * s)} ${n(y - 108 * s)}L${n(x + 258 * s)} ${n(y - 108 * s)}L${n(x + 284 * s)} ${n(y - 76 * s)}L${n(x + 222 * s)} ${n(y - 76 * s)}Z" fill="#2b3350"/>`);
    out.push(`<circle cx="${n(gx)}" cy="${n(gy)}" r="${n(7 * s)}" fill="#fff7d6"/>`);
    out.push(`<circle cx="${n(x + 4 * s)}" cy="${n(y - 52 * s)}" r="${n(5 * s)}" fill="#ff3b2f" opacity="0.9"/>`);
  }
  out.push('</svg>\n');
  return out.join('\n');
}

function coverSkyline(): string {
  const out: string[] = [
    svgOpen(CW, CH, 'A port city at dawn', 'Illustration: a city skyline at dawn with harbour cranes, apartment blocks with a few lit windows, and a plume of smoke rising from one damaged building.'),
    '<defs>',
    '<linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#2f4a6d"/><stop offset="0.55" stop-color="#c98b8b"/><stop offset="1" stop-color="#f3c892"/></linearGradient>',
    '<linearGradient id="sea" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#e0a982"/><stop offset="1" stop-color="#3a4d66"/></linearGradient>',
    '<filter id="blur" x="-50%" y="-50%" width="200%" height="200%"><feGaussianBlur stdDeviation="18"/></filter>',
    '</defs>',
    `<rect width="${CW}" height="${CH}" fill="url(#sky)"/>`,
  ];
  const rand = rng(131);
  // Near blocks with windows; one of them broken at the top, with smoke rising from it.
  const blocks: string[] = [];
  let smokeFrom: Pt = [900, 520];
  let x = -10;
  let index = 0;
  while (x < CW) {
    const w = between(rand, 110, 200);
    const h = between(rand, 200, 420);
    const top = 720 - h;
    const damaged = index === 5;
    if (damaged) {
      const jag: Pt[] = [
        [x, 720],
        [x, top + 40],
        [x + w * 0.2, top + 10],
        [x + w * 0.35, top + 70],
        [x + w * 0.5, top + 30],
        [x + w * 0.7, top + 110],
        [x + w, top + 90],
        [x + w, 720],
      ];
      blocks.push(`<path d="${polyPath(jag, true)}" fill="#2c2838"/>`);
      smokeFrom = [x + w * 0.45, top + 60];
    } else {
      blocks.push(`<rect x="${n(x)}" y="${n(top)}" width="${n(w)}" height="${n(h)}" fill="#2c2838"/>`);
    }
    const cols = Math.floor((w - 20) / 26);
    const rows = Math.floor((h - 30) / 34);
    let windows = '';
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const lit = rand() < 0.12;
        if (!lit) continue;
        const wy = top + 24 + r * 34;
        if (damaged && wy < top + 120) continue;
        windows += `<rect x="${n(x + 14 + c * 26)}" y="${n(wy)}" width="12" height="18"/>`;
      }
    }
    if (windows) blocks.push(`<g fill="#ffcf7a" opacity="0.85">${windows}</g>`);
    x += w + between(rand, 8, 30);
    index++;
  }
  // Distant skyline.
  out.push('<g fill="#7d6e86" opacity="0.75">');
  for (let dx = 0; dx < CW; ) {
    const w = between(rand, 40, 110);
    const h = between(rand, 120, 300);
    out.push(`<rect x="${n(dx)}" y="${n(690 - h)}" width="${n(w + 1)}" height="${n(h)}"/>`);
    dx += w;
  }
  out.push('</g>');
  // The smoke drifts up and to the left, behind the near blocks.
  out.push('<g filter="url(#blur)" fill="#4b4650">');
  for (let i = 0; i < 14; i++) {
    const t = i / 13;
    out.push(`<circle cx="${n(smokeFrom[0] - t * 300 + Math.sin(t * 5) * 30)}" cy="${n(smokeFrom[1] - t * 470)}" r="${n(34 + t * 90)}" opacity="${n(0.75 - t * 0.45)}"/>`);
  }
  out.push('</g>');
  out.push('<g>', ...blocks, '</g>');
  // Harbour cranes.
  out.push('<g fill="none" stroke="#1c1a26" stroke-width="7" stroke-linejoin="round">');
  for (const [cx, h] of [
    [1230, 380],
    [1420, 330],
  ] as const) {
    const top = 720 - h;
    out.push(`<path d="M${cx - 30} 720L${cx} ${top}L${cx + 30} 720M${cx - 20} ${720 - h * 0.3}L${cx + 20} ${720 - h * 0.3}M${cx - 12} ${720 - h * 0.6}L${cx + 12} ${720 - h * 0.6}"/>`);
    out.push(`<path d="M${cx - 200} ${top + 20}L${cx + 90} ${top + 20}M${cx} ${top}L${cx - 200} ${top + 20}M${cx} ${top}L${cx + 90} ${top + 20}"/>`);
    out.push(`<path d="M${cx - 150} ${top + 20}L${cx - 150} ${top + 150}" stroke-width="3"/>`);
  }
  out.push('</g>');
  // Quay and harbour water.
  out.push(`<rect x="0" y="715" width="${CW}" height="20" fill="#1c1a26"/>`);
  out.push(`<rect x="0" y="735" width="${CW}" height="${CH - 735}" fill="url(#sea)"/>`);
  out.push('<g stroke="#f6d7ad" stroke-linecap="round" opacity="0.5">');
  for (let i = 0; i < 50; i++) {
    const y = between(rand, 750, 890);
    const lx = rand() * CW;
    out.push(`<line x1="${n(lx)}" y1="${n(y)}" x2="${n(lx + between(rand, 20, 90))}" y2="${n(y)}" stroke-width="2"/>`);
  }
  out.push('</g>');
  out.push('</svg>\n');
  return out.join('\n');
}
