// Seed a migrated Outpost SQLite database with N published articles, fast, by plain SQL.
//
// This is the one place that knows the bench data's shape. It mirrors the tables of
// src/db/migrations/001-initial.ts (users, tags, articles, article_authors, article_tags,
// settings and the FTS5 table article_search) and writes bodies the way
// src/features/articles/render-body.ts renders them (figures with a[data-zoom], plain text for
// search). When a migration changes those tables, change this file with it.
//
// Usage as a script: node bench/seed-articles.mjs <path/to/outpost.sqlite> [count]
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import SQLite from 'better-sqlite3';

/** A small deterministic PRNG (mulberry32), so every run seeds the same site. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PLACES = ['Kessar', 'Marel', 'Haldra', 'Zarech', 'Sevrin', 'Vorna', 'Pelyn', 'Tolva', 'Dunvel', 'the Ostra bend', 'the Lisk valley', 'the northern forests'];
const SUBJECTS = ['repair crews', 'ferrymen', 'volunteer medics', 'school teachers', 'grain farmers', 'rail workers', 'city officials', 'aid convoys', 'night-shift nurses', 'fuel brokers', 'evacuees', 'local reporters'];
const ANGLES = [
  'what a month of shelling has changed',
  'how the blackouts reshaped daily life',
  'the quiet work that keeps the city running',
  'a season of losses, counted',
  'where the money went',
  'what the talks mean for the front',
  'the long road back home',
  'inside a week of emergency repairs',
];
const WORDS = (
  'the a of and to in on for with from at by after before during while river bridge road rail line front ' +
  'power water grid station shelter hospital school market harbour village district council officials residents ' +
  'families volunteers engineers drivers medics soldiers commanders reporters sources documents records shipment ' +
  'generators transformers winter night morning week month season strike repair supply evacuation convoy aid ' +
  'said says told explained confirmed reported estimated showed found crossed waited rebuilt carried delivered ' +
  'quiet slow costly fragile steady uncertain shared local regional eastern northern southern last first few many'
).split(' ');
const TAGS = ['Frontline', 'Energy', 'Humanitarian', 'Investigations', 'Explainers', 'Economy', 'Culture', 'Health', 'Transport', 'Education', 'Environment', 'Politics'];
const AUTHORS = ['Mira Kovan', 'Tomas Reyl', 'Ilse Varn', 'Anya Dresk', 'Piotr Halm', 'Lena Ostrova', 'Jonas Weir', 'Sofia Brandt'];

function slugify(input) {
  return input
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/g, '');
}

const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A sentence-shaped run of words. */
function sentence(rnd, min, max) {
  const n = min + Math.floor(rnd() * (max - min + 1));
  const words = [];
  for (let i = 0; i < n; i++) words.push(WORDS[Math.floor(rnd() * WORDS.length)]);
  const text = words.join(' ');
  return `${text[0].toUpperCase()}${text.slice(1)}.`;
}

function paragraph(rnd) {
  const sentences = [];
  for (let i = 0, n = 3 + Math.floor(rnd() * 4); i < n; i++) sentences.push(sentence(rnd, 8, 18));
  return sentences.join(' ');
}

/** Markdown, the HTML render-body.ts would make of it, and its plain text. */
function body(rnd, index) {
  const md = [];
  const html = [];
  const text = [];
  const blocks = 7 + Math.floor(rnd() * 5);
  for (let b = 0; b < blocks; b++) {
    if (b === 2 || b === 6) {
      const heading = sentence(rnd, 3, 6).slice(0, -1);
      md.push(`## ${heading}`);
      html.push(`<h2>${escapeHtml(heading)}</h2>`);
      text.push(heading);
    } else if (b === 4) {
      const quote = `“${sentence(rnd, 10, 20)}” said one of the ${SUBJECTS[index % SUBJECTS.length]}.`;
      md.push(`> ${quote}`);
      html.push(`<blockquote>\n<p>${escapeHtml(quote)}</p>\n</blockquote>`);
      text.push(quote);
    } else if (b === 3 && index % 10 === 0) {
      const src = '/media/bench/map.svg';
      const alt = `Map of ${PLACES[index % PLACES.length]}`;
      const caption = 'Click to see the full-size map.';
      md.push(`![${alt}](${src} "${caption}")`);
      html.push(`<figure class="figure"><a class="zoom" href="${src}" data-zoom><img src="${src}" alt="${escapeHtml(alt)}" loading="lazy" decoding="async"></a><figcaption>${caption}</figcaption></figure>`);
      text.push(caption);
    } else if (b === 5) {
      const items = [sentence(rnd, 5, 10), sentence(rnd, 5, 10), sentence(rnd, 5, 10)];
      md.push(items.map((i) => `- ${i}`).join('\n'));
      html.push(`<ul>\n${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('\n')}\n</ul>`);
      text.push(...items);
    } else {
      const p = paragraph(rnd);
      md.push(p);
      html.push(`<p>${escapeHtml(p)}</p>`);
      text.push(p);
    }
  }
  return { md: md.join('\n\n'), html: html.join('\n'), text: text.join('\n') };
}

/**
 * Insert `count` published articles (newest first: article 0 was published an hour ago, each next
 * one 17 hours earlier), 8 authors and 12 tags into a migrated, empty database.
 * Returns what the benchmarks need to address pages.
 */
export function seedArticles(file, { count = 1000, now = new Date(), seed = 2026 } = {}) {
  const rnd = random(seed);
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  const iso = (ms) => new Date(ms).toISOString();
  const created = iso(now.getTime());
  const articles = [];
  const tagCounts = new Map(TAGS.map((name) => [slugify(name), 0]));

  const seedAll = db.transaction(() => {
    const setting = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    setting.run('siteName', JSON.stringify('The Outpost Bench'));
    setting.run('description', JSON.stringify('A thousand reports, for measuring.'));

    const insertUser = db.prepare(
      "INSERT INTO users (email, name, slug, bio, role, password_hash, status, created_at, updated_at) VALUES (?, ?, ?, ?, 'author', NULL, 'active', ?, ?)",
    );
    const authorIds = AUTHORS.map((name) => {
      const slug = slugify(name);
      return Number(insertUser.run(`${slug}@bench.example`, name, slug, `${name} reports for the bench.`, created, created).lastInsertRowid);
    });
    const insertTag = db.prepare('INSERT INTO tags (slug, name, description) VALUES (?, ?, ?)');
    const tagIds = TAGS.map((name) => Number(insertTag.run(slugify(name), name, `Reporting on ${name.toLowerCase()}.`).lastInsertRowid));

    const insertArticle = db.prepare(`INSERT INTO articles
      (slug, title, standfirst, body_md, body_html, body_text, status, published_at, created_at, updated_at,
       cover_url, cover_alt, cover_caption, cover_credit, video_url, comments_open)
      VALUES (?, ?, ?, ?, ?, ?, 'published', ?, ?, ?, NULL, '', '', '', ?, 1)`);
    const insertAuthor = db.prepare('INSERT INTO article_authors (article_id, user_id, position) VALUES (?, ?, ?)');
    const insertArticleTag = db.prepare('INSERT INTO article_tags (article_id, tag_id, position) VALUES (?, ?, ?)');
    const insertSearch = db.prepare('INSERT INTO article_search (rowid, title, standfirst, body) VALUES (?, ?, ?, ?)');

    // Insert oldest first, so ids grow with publication time as they would on a real site.
    for (let i = count - 1; i >= 0; i--) {
      const place = PLACES[i % PLACES.length];
      const subject = SUBJECTS[Math.floor(i / PLACES.length) % SUBJECTS.length];
      const angle = ANGLES[i % ANGLES.length];
      const title = `In ${place}, ${subject}: ${angle}`;
      const slug = `${slugify(title).slice(0, 72).replace(/-+$/, '')}-${i + 1}`;
      const standfirst = sentence(rnd, 18, 30);
      const { md, html, text } = body(rnd, i);
      const publishedAt = iso(now.getTime() - 3_600_000 - i * 17 * 3_600_000);
      const video = i % 20 === 7 ? 'https://www.youtube.com/watch?v=aqz-KE-bpKQ' : null;
      const id = Number(insertArticle.run(slug, title, standfirst, md, html, text, publishedAt, publishedAt, publishedAt, video).lastInsertRowid);

      const authors = [authorIds[i % authorIds.length]];
      if (i % 4 === 0) authors.push(authorIds[(i + 3) % authorIds.length]);
      for (const [position, userId] of authors.entries()) insertAuthor.run(id, userId, position);

      // A skewed tag distribution, like a real newsroom's: the first tags are much more common.
      const tags = new Set([Math.floor(rnd() * rnd() * TAGS.length)]);
      if (rnd() < 0.6) tags.add(Math.floor(rnd() * TAGS.length));
      if (rnd() < 0.2) tags.add(Math.floor(rnd() * TAGS.length));
      for (const [position, t] of [...tags].entries()) {
        insertArticleTag.run(id, tagIds[t], position);
        const tagSlug = slugify(TAGS[t]);
        tagCounts.set(tagSlug, tagCounts.get(tagSlug) + 1);
      }

      insertSearch.run(id, title, standfirst, text);
      articles[i] = { id, slug, title, video: Boolean(video) };
    }
  });

  try {
    seedAll();
  } finally {
    db.close();
  }
  return {
    /** Newest first, as the home page lists them. */
    articles,
    /** Most used first. */
    tags: [...tagCounts].map(([slug, articleCount]) => ({ slug, articles: articleCount })).sort((a, b) => b.articles - a.articles),
    authors: AUTHORS.map((name) => slugify(name)),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [file, count] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('usage: node bench/seed-articles.mjs <path/to/outpost.sqlite> [count]\n(run `node dist/main.js migrate` on it first)\n');
    process.exit(2);
  }
  const started = performance.now();
  const result = seedArticles(path.resolve(file), { count: count ? Number(count) : 1000 });
  process.stdout.write(`seeded ${result.articles.length} articles in ${Math.round(performance.now() - started)} ms\n`);
}
