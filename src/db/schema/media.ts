import type { Generated } from 'kysely';

export type MediaStatus = 'processing' | 'ready' | 'failed';

/** One responsive rendition of an upload, written by the `media.variants` job. */
export interface MediaVariant {
  width: number;
  height: number;
  format: 'avif' | 'webp' | 'jpeg' | 'png';
  /** Public path: /media/uploads/<id>/<width>.<ext> */
  url: string;
  bytes: number;
}

/** The media library: uploaded images. Files live in DATA_DIR/media/uploads/<id>/. */
export interface MediaTable {
  id: Generated<number>;
  /** The uploader's file name, for people (never used to build a path). */
  filename: string;
  /** The type read from the file's bytes: image/jpeg, image/png, image/webp, image/avif, image/gif. */
  mime: string;
  width: number;
  height: number;
  bytes: number;
  alt: string;
  created_by: number | null;
  created_at: string;
  /** JSON array of MediaVariant. */
  variants: string;
  /** processing until the variants exist; failed when they cannot be made (the original still serves). */
  status: MediaStatus;
}
