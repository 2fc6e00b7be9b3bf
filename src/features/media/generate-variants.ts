import fs from 'node:fs/promises';
import path from 'node:path';
import type { AppContext } from '../../context.js';
import type { MediaVariant } from '../../db/schema/index.js';
import { PermanentJobError } from '../../jobs/outbox.js';
import { extensionOf } from './detect-type.js';
import { loadSharp, MAX_PIXELS } from './inspect-image.js';
import { uploadDir, variantUrl, writeFileAtomic } from './storage.js';

/** Widths of the responsive variants; only those narrower than the original are made. */
export const VARIANT_WIDTHS = [480, 960, 1600] as const;

const extension = { avif: 'avif', webp: 'webp', jpeg: 'jpg', png: 'png' } as const;

/**
 * The `media.variants` job: resize an upload into AVIF, WebP and a JPEG fallback (PNG when the
 * image has transparency) at each width, then mark it ready. Runs in the background (the outbox
 * worker); safe to run again (files are overwritten). Animated images keep only their original.
 */
export async function generateMediaVariants(ctx: AppContext, mediaId: number): Promise<{ variants: MediaVariant[] }> {
  const db = ctx.database.db;
  const row = await db.selectFrom('media').select(['id', 'mime', 'width', 'height']).where('id', '=', mediaId).executeTakeFirst();
  // Deleted before its variants were made: nothing to do.
  if (!row) return { variants: [] };
  const ext = extensionOf(row.mime);
  const dir = uploadDir(ctx.config.dataDir, row.id);
  let original: Buffer;
  try {
    original = await fs.readFile(path.join(dir, `original.${ext}`));
  } catch {
    await db.updateTable('media').set({ status: 'failed' }).where('id', '=', mediaId).execute();
    throw new PermanentJobError(`the original of media ${mediaId} is missing`);
  }
  const sharp = await loadSharp();
  const meta = await sharp(original, { limitInputPixels: MAX_PIXELS }).metadata();
  const variants: MediaVariant[] = [];
  if ((meta.pages ?? 1) <= 1) {
    const fallback = meta.hasAlpha ? 'png' : 'jpeg';
    const narrower = VARIANT_WIDTHS.filter((w) => w < row.width);
    const widths = narrower.length ? narrower : [row.width];
    for (const width of widths) {
      for (const format of ['avif', 'webp', fallback] as const) {
        let pipeline = sharp(original, { limitInputPixels: MAX_PIXELS }).autoOrient().resize({ width, withoutEnlargement: true });
        if (format === 'avif') pipeline = pipeline.avif({ quality: 55, effort: 3 });
        else if (format === 'webp') pipeline = pipeline.webp({ quality: 78 });
        else if (format === 'png') pipeline = pipeline.png({ compressionLevel: 9 });
        else pipeline = pipeline.flatten({ background: '#ffffff' }).jpeg({ quality: 80, mozjpeg: true });
        const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
        await writeFileAtomic(path.join(dir, `${width}.${extension[format]}`), data);
        variants.push({ width: info.width, height: info.height, format, url: variantUrl(row.id, width, extension[format]), bytes: data.length });
      }
    }
  }
  await db.updateTable('media').set({ variants: JSON.stringify(variants), status: 'ready' }).where('id', '=', mediaId).execute();
  return { variants };
}
