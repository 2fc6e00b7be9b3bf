// Build: the server bundle (dist/main.js) and the public assets (dist/public), fingerprinted so
// browsers may cache them forever. Uses esbuild only; no TypeScript compiler API.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const publicDir = path.join(dist, 'public');
// Assets are only ever added (their names carry a hash), and the manifest and the server bundle
// are replaced atomically: a server or test running during a rebuild never loses a file it uses.
fs.mkdirSync(publicDir, { recursive: true });
const startedAt = Date.now();

const bundleTmp = path.join(dist, `main.${process.pid}.tmp.js`);
/**
 * Packages the server bundle leaves in node_modules: native addons (better-sqlite3, argon2, sharp),
 * and what is loaded only when needed (a PostgreSQL or Redis client, mail, Stripe, Markdown, the
 * test and build tools), so a site that never uses them never loads them.
 */
const serverExternals = ['better-sqlite3', '@node-rs/argon2', 'sharp', 'pg', 'ioredis', 'nodemailer', 'stripe', 'markdown-it', 'sanitize-html', 'esbuild', 'playwright-core', 'vitest'];
await esbuild.build({
  entryPoints: [path.join(root, 'src/main.ts')],
  outfile: bundleTmp,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // The libraries loaded at start-up are bundled too: one module instead of several hundred files
  // (Kysely alone has ~400), and only the code we use (docs/decisions.md, "One bundle"). Native
  // addons and libraries loaded only on demand stay in node_modules, so they still load only then.
  external: serverExternals,
  // Whitespace and syntax only: names stay, so stack traces still read (and the source map maps them).
  minifyWhitespace: true,
  minifySyntax: true,
  banner: { js: "import { createRequire as __outpostCreateRequire } from 'node:module'; const require = __outpostCreateRequire(import.meta.url);" },
  sourcemap: true,
  jsx: 'automatic',
  jsxImportSource: 'preact',
  logLevel: 'warning',
});
fs.renameSync(`${bundleTmp}.map`, path.join(dist, 'main.js.map'));
fs.writeFileSync(bundleTmp, fs.readFileSync(bundleTmp, 'utf8').replace(/main\.\d+\.tmp\.js\.map/, 'main.js.map'));
fs.renameSync(bundleTmp, path.join(dist, 'main.js'));

const manifest = {};
/** Write a file by renaming a complete temporary copy into place. */
function writeAtomic(file, contents) {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, contents);
  fs.renameSync(tmp, file);
}
function fingerprint(name, contents) {
  const hash = createHash('sha256').update(contents).digest('hex').slice(0, 10);
  const ext = path.extname(name);
  const hashed = `${name.slice(0, -ext.length)}.${hash}${ext}`;
  writeAtomic(path.join(publicDir, hashed), contents);
  // Pre-compressed twins, served by @fastify/static (`preCompressed`) to browsers that accept them.
  writeAtomic(path.join(publicDir, `${hashed}.br`), zlib.brotliCompressSync(contents, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }));
  writeAtomic(path.join(publicDir, `${hashed}.gz`), zlib.gzipSync(contents, { level: 9 }));
  manifest[name] = `/assets/${hashed}`;
}

// One script per island, each tiny; minified for the page-weight budget.
const clientDir = path.join(root, 'src/client');
const islands = fs.existsSync(clientDir) ? fs.readdirSync(clientDir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')) : [];
if (islands.length) {
  const result = await esbuild.build({
    entryPoints: islands.map((f) => path.join(clientDir, f)),
    outdir: publicDir,
    bundle: true,
    format: 'esm',
    target: ['es2020', 'chrome90', 'firefox90', 'safari14'],
    minify: true,
    write: false,
    logLevel: 'warning',
  });
  for (const file of result.outputFiles) fingerprint(path.basename(file.path), file.contents);
}

const css = await esbuild.build({
  entryPoints: [path.join(root, 'src/styles/site.css')],
  bundle: true,
  minify: true,
  write: false,
  outfile: 'site.css',
  target: ['chrome90', 'firefox90', 'safari14'],
  logLevel: 'warning',
});
fingerprint('site.css', css.outputFiles[0].contents);

// The admin shell's stylesheet, loaded after site.css on /admin pages only.
const adminCss = await esbuild.build({
  entryPoints: [path.join(root, 'src/styles/admin.css')],
  bundle: true,
  minify: true,
  write: false,
  outfile: 'admin.css',
  target: ['chrome90', 'firefox90', 'safari14'],
  logLevel: 'warning',
});
fingerprint('admin.css', adminCss.outputFiles[0].contents);

writeAtomic(path.join(dist, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);

// Prune assets no longer in the manifest once they are an hour old (a running server may still
// reference the previous build's files until it restarts).
const current = new Set(Object.values(manifest).map((url) => path.basename(url)));
for (const file of fs.readdirSync(publicDir)) {
  const base = file.replace(/\.(br|gz)$/, '');
  if (current.has(base)) continue;
  const full = path.join(publicDir, file);
  if (startedAt - fs.statSync(full).mtimeMs > 3_600_000) fs.rmSync(full, { force: true });
}
