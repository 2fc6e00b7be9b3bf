import type { Kysely } from 'kysely';
import type { DB, MediaStatus, MediaVariant } from '../../db/schema/index.js';
import type { BodyMedia } from '../articles/render-body.js';
import { extensionOf } from './detect-type.js';
import { originalUrl } from './storage.js';

/** An upload as screens and the body renderer see it. */
export interface MediaItem {
  id: number;
  filename: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  alt: string;
  createdBy: number | null;
  createdByName: string | null;
  createdAt: string;
  status: MediaStatus;
  variants: MediaVariant[];
  /** The original, full size: what "full size" links and Markdown point at. */
  url: string;
  /** The smallest variant that exists (WebP, else JPEG/PNG), or the original. */
  thumbUrl: string;
}

const columns = ['m.id', 'm.filename', 'm.mime', 'm.width', 'm.height', 'm.bytes', 'm.alt', 'm.created_by', 'm.created_at', 'm.status', 'm.variants', 'u.name as created_by_name'] as const;

type Row = {
  id: number;
  filename: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  alt: string;
  created_by: number | null;
  created_at: string;
  status: MediaStatus;
  variants: string;
  created_by_name: string | null;
};

export function parseVariants(json: string): MediaVariant[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? (value as MediaVariant[]).filter((v) => v && typeof v.url === 'string' && Number.isInteger(v.width)) : [];
  } catch {
    return [];
  }
}

function toItem(row: Row): MediaItem {
  const variants = parseVariants(row.variants);
  const smallest = (format: MediaVariant['format']) => variants.filter((v) => v.format === format).sort((a, b) => a.width - b.width)[0];
  const url = originalUrl(row.id, extensionOf(row.mime) ?? 'bin');
  return {
    id: row.id,
    filename: row.filename,
    mime: row.mime,
    width: row.width,
    height: row.height,
    bytes: Number(row.bytes),
    alt: row.alt,
    createdBy: row.created_by,
    createdByName: row.created_by_name,
    createdAt: row.created_at,
    status: row.status,
    variants,
    url,
    thumbUrl: (smallest('webp') ?? smallest('jpeg') ?? smallest('png'))?.url ?? url,
  };
}

function base(db: Kysely<DB>) {
  return db.selectFrom('media as m').leftJoin('users as u', 'u.id', 'm.created_by');
}

/** The library, newest first, one page of it, and how many uploads there are. */
export async function listMedia(db: Kysely<DB>, page: { limit: number; offset: number }): Promise<{ items: MediaItem[]; total: number }> {
  const [rows, count] = await Promise.all([
    base(db).select(columns).orderBy('m.created_at', 'desc').orderBy('m.id', 'desc').limit(page.limit).offset(page.offset).execute(),
    db.selectFrom('media').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toItem), total: Number(count.n) };
}

export async function getMedia(db: Kysely<DB>, id: number): Promise<MediaItem | null> {
  const row = await base(db).select(columns).where('m.id', '=', id).executeTakeFirst();
  return row ? toItem(row) : null;
}

/** Ids of the uploads a Markdown body shows (images pointing at /media/uploads/<id>/original.<ext>). */
export function mediaIdsIn(markdown: string): number[] {
  const ids = new Set<number>();
  for (const match of markdown.matchAll(/\/media\/uploads\/(\d{1,12})\/original\.(?:jpg|png|webp|avif|gif)/g)) {
    ids.add(Number(match[1]));
    if (ids.size >= 500) break;
  }
  return [...ids];
}

/** What the body renderer needs to give the uploads a body shows their srcset. */
export async function mediaForMarkdown(db: Kysely<DB>, markdown: string): Promise<Map<number, BodyMedia>> {
  const ids = mediaIdsIn(markdown);
  const found = new Map<number, BodyMedia>();
  if (ids.length === 0) return found;
  const rows = await db.selectFrom('media').select(['id', 'width', 'height', 'variants']).where('id', 'in', ids).where('status', '=', 'ready').execute();
  for (const row of rows) found.set(row.id, { width: row.width, height: row.height, variants: parseVariants(row.variants) });
  return found;
}
