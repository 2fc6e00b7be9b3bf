// Seed discussions for the benchmarks, fast, by plain SQL: threaded comments under an article, and
// guest identities whose cookies the benchmark can sign.
//
// Like seed-articles.mjs this is the one place that knows the bench data's shape for comments: it
// mirrors the tables of src/db/migrations/002-discussion.ts (comments, guests, and
// articles.comments_count) and the invariants the use cases keep (materialised `path` of 10-digit
// ids, `root_id`, `depth`, `reply_count` of direct replies, vote counters and the Wilson score).
// Columns later migrations added to `comments` all have defaults. When a migration changes these
// tables, change this file with it.
//
// Usage as a script: node bench/seed-discussion.mjs <path/to/outpost.sqlite> <articleId> <count>
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import SQLite from 'better-sqlite3';

/** A small deterministic PRNG (mulberry32). */
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

/** src/features/discussion/wilson.ts, for the "Best" order. */
function wilson(up, down, z = 1.959964) {
  const n = up + down;
  if (n <= 0) return 0;
  const p = up / n;
  const z2 = z * z;
  return Math.max(0, (p + z2 / (2 * n) - z * Math.sqrt((p * (1 - p) + z2 / (4 * n)) / n)) / (1 + z2 / n));
}

const NAMES = ['Olena', 'Marek', 'Ines', 'Tomasz', 'Aiko', 'Dario', 'Sanna', 'Yusuf', 'Petra', 'Ravi', 'Lea', 'Bogdan'];
const LINES = [
  'The ferry schedule changed again this week; the article gets the reason right.',
  'My cousin drives that road every day. The checkpoints are worse at night.',
  'Thank you for reporting this. Nobody else covers the repair crews.',
  'I am not sure the numbers add up: the council said something different in March.',
  'Is there a map of the new line? The one in the article is from last year.',
  'We lost power for eleven hours on Tuesday. Generators are the only thing that works.',
];

/**
 * `count` published comments under `articleId`, threaded like a lively discussion: about 40 % start
 * a thread, the rest reply to an earlier comment (at most `maxDepth` levels). Votes are spread so
 * every sort has work to do. Returns the ids of the top-level comments.
 */
export function seedComments(file, { articleId, count, maxDepth = 5, seed = 7, now = new Date() }) {
  const rnd = random(seed);
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  const roots = [];
  try {
    db.transaction(() => {
      let id = Number(db.prepare('SELECT coalesce(max(id), 0) AS m FROM comments').get().m);
      const insert = db.prepare(`INSERT INTO comments
        (id, article_id, parent_id, root_id, depth, path, reply_to_id, reply_to_name, author_user_id, guest_id, author_name,
         author_email, body_md, body_html, status, created_at, upvotes, downvotes, score, wilson, reply_count)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, NULL, ?, ?, 'published', ?, ?, ?, ?, ?, ?)`);
      const nodes = [];
      const start = now.getTime() - count * 1000;
      for (let i = 0; i < count; i++) {
        id += 1;
        let parent = null;
        if (nodes.length && rnd() > 0.4) {
          // Recent comments get more replies, as in a real discussion.
          const pick = nodes[nodes.length - 1 - Math.floor(rnd() * rnd() * nodes.length)];
          if (pick.depth < maxDepth - 1) parent = pick;
        }
        const node = { id, parent, depth: parent ? parent.depth + 1 : 0, path: `${parent ? parent.path : ''}${String(id).padStart(10, '0')}`, root: parent ? parent.root : id, name: NAMES[i % NAMES.length], replies: 0, row: null };
        if (parent) parent.replies += 1;
        else roots.push(id);
        const up = Math.floor(rnd() * rnd() * 40);
        const down = Math.floor(rnd() * rnd() * 12);
        const line = LINES[i % LINES.length];
        node.row = [node.id, articleId, parent ? parent.id : null, node.root, node.depth, node.path, parent ? parent.id : null, parent ? parent.name : null, node.name, line, `<p>${line}</p>`, new Date(start + i * 1000).toISOString(), up, down, up - down, wilson(up, down)];
        nodes.push(node);
      }
      for (const node of nodes) insert.run(...node.row, node.replies);
      db.prepare('UPDATE articles SET comments_count = comments_count + ? WHERE id = ?').run(count, articleId);
    })();
  } finally {
    db.close();
  }
  return { roots };
}

/** `count` guest identities; returns their cookie tokens (the database keeps only their SHA-256). */
export function seedGuests(file, count, now = new Date()) {
  const db = new SQLite(file);
  db.pragma('busy_timeout = 5000');
  const tokens = [];
  try {
    const insert = db.prepare('INSERT INTO guests (token_hash, created_at) VALUES (?, ?)');
    db.transaction(() => {
      for (let i = 0; i < count; i++) {
        const token = randomBytes(32).toString('base64url');
        insert.run(createHash('sha256').update(token).digest('hex'), now.toISOString());
        tokens.push(token);
      }
    })();
  } finally {
    db.close();
  }
  return tokens;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [file, articleId, count] = process.argv.slice(2);
  if (!file || !articleId) {
    process.stderr.write('usage: node bench/seed-discussion.mjs <path/to/outpost.sqlite> <articleId> [count]\n');
    process.exit(2);
  }
  const started = performance.now();
  seedComments(path.resolve(file), { articleId: Number(articleId), count: count ? Number(count) : 200 });
  process.stdout.write(`seeded ${count ?? 200} comments in ${Math.round(performance.now() - started)} ms\n`);
}
