import fs from 'node:fs/promises';
import path from 'node:path';
import type { AppContext } from '../../context.js';
import { enqueueJob } from '../../jobs/outbox.js';
import { iso } from '../../shared/clock.js';
import { type Actor, can } from '../accounts/policy.js';
import { detectImageType } from './detect-type.js';
import { MediaError } from './errors.js';
import { inspectImage } from './inspect-image.js';
import { getMedia, type MediaItem } from './queries.js';
import { uploadDir, writeFileAtomic } from './storage.js';

/** The largest upload accepted (the HTTP route stops reading past it and answers 413). */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export interface UploadInput {
  actor: Actor;
  /** The uploader's file name: shown to people, never used for a path or a type. */
  filename: string;
  bytes: Buffer;
  alt?: string;
}

/** A file name fit to show: no folders, no control characters, at most 200 characters. */
export function cleanFilename(name: string): string {
  const base = name.replace(/\\/g, '/').split('/').pop() ?? '';
  const clean = [...base]
    .filter((c) => c.charCodeAt(0) >= 32 && c.charCodeAt(0) !== 127)
    .join('')
    .trim()
    .slice(0, 200);
  return clean || 'image';
}

/**
 * Add an image to the media library. Its type comes from its bytes and sharp must decode all of
 * it, or nothing is stored. The original is kept as uploaded (the "full size"); the responsive
 * variants are made in the background by the `media.variants` job, enqueued in the same
 * transaction as the row.
 */
export async function uploadMedia(ctx: AppContext, input: UploadInput): Promise<MediaItem> {
  const { t } = ctx.site.i18n;
  if (!can(input.actor, 'media.upload')) throw new MediaError('media_forbidden', t('admin.media.error.forbidden'));
  if (input.bytes.length > MAX_UPLOAD_BYTES) throw new MediaError('media_too_large', t('admin.media.error.tooLarge', { max: MAX_UPLOAD_BYTES / 1024 / 1024 }));
  if (input.bytes.length === 0) throw new MediaError('media_invalid', t('admin.media.error.empty'), { file: t('admin.media.error.empty') });
  const alt = (input.alt ?? '').trim();
  if (alt.length > 1000) throw new MediaError('media_invalid', t('admin.media.error.altTooLong'), { alt: t('admin.media.error.altTooLong') });
  const filename = cleanFilename(input.filename);

  const type = detectImageType(input.bytes);
  if (!type) throw new MediaError('media_unsupported', t('admin.media.error.unsupported', { name: filename }), { file: t('admin.media.error.unsupported', { name: filename }) });
  const facts = await inspectImage(input.bytes, type);
  if (!facts) throw new MediaError('media_broken', t('admin.media.error.broken', { name: filename }), { file: t('admin.media.error.broken', { name: filename }) });

  const now = ctx.clock.now();
  const written: { dir?: string } = {};
  try {
    const id = await ctx.database.transaction(async (tx) => {
      const row = await tx.db
        .insertInto('media')
        .values({
          filename,
          mime: type.mime,
          width: facts.width,
          height: facts.height,
          bytes: input.bytes.length,
          alt,
          created_by: input.actor.id,
          created_at: iso(now),
          variants: '[]',
          status: 'processing',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      written.dir = uploadDir(ctx.config.dataDir, row.id);
      // Written before the commit: a committed row always has its file.
      await writeFileAtomic(path.join(written.dir, `original.${type.ext}`), input.bytes);
      await enqueueJob(tx, now, 'media.variants', { mediaId: row.id }, { dedupeKey: `media.variants:${row.id}` });
      return row.id;
    });
    const item = await getMedia(ctx.database.db, id);
    if (!item) throw new MediaError('media_not_found', t('admin.media.error.notFound'));
    return item;
  } catch (error) {
    // The row rolled back: its file must not stay behind.
    if (written.dir) await fs.rm(written.dir, { recursive: true, force: true }).catch(() => {});
    throw error;
  }
}
