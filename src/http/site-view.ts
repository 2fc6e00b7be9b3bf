import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { isStaff } from '../features/accounts/policy.js';
import { listTags } from '../features/articles/queries.js';
import { getFundingProgress } from '../features/funding/get-funding-progress.js';
import type { SiteView } from '../views/site.js';

/** The project root: the nearest folder above this file with the project's package.json. */
export function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'package.json');
    if (fs.existsSync(candidate) && JSON.parse(fs.readFileSync(candidate, 'utf8')).name === 'outpost') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the Outpost project root');
    dir = parent;
  }
}

let manifest: Record<string, string> | null = null;

/** Fingerprinted asset URLs written by scripts/build.mjs. */
export function assetManifest(): Record<string, string> {
  if (!manifest) {
    const file = path.join(projectRoot(), 'dist', 'manifest.json');
    try {
      manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
    } catch {
      throw new Error(`${file} is missing: run \`npm run build\` first`);
    }
  }
  return manifest;
}

/** The navigation's topics, read again only after a write (PageCache.derived). */
function navTags(ctx: AppContext): Promise<Array<{ name: string; slug: string }>> {
  return ctx.cache.derived('nav.tags', async () => (await listTags(ctx.database.db)).slice(0, 5).map((t) => ({ name: t.name, slug: t.slug })));
}

/** What every view needs about the site; pass the request so the header shows who is signed in. */
export async function siteView(ctx: AppContext, request?: FastifyRequest): Promise<SiteView> {
  const { settings, i18n } = ctx.site;
  const nav = await navTags(ctx);
  const placement = settings.fundingBarPlacement;
  const progress = placement === 'off' ? null : await getFundingProgress(ctx);
  return {
    name: settings.siteName,
    description: settings.description,
    url: ctx.config.publicUrl,
    accentColor: settings.accentColor,
    logoUrl: settings.logoUrl,
    i18n,
    assets: assetManifest(),
    nav,
    viewer: request?.user ? { name: request.user.name, staff: isStaff(request.user.role), csrfToken: request.csrfToken } : null,
    funding: progress && placement !== 'off' ? { placement, progress } : null,
  };
}
