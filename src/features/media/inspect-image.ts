import type { ImageType } from './detect-type.js';

/** sharp is loaded on first use: only uploads and the variants job need it. */
let loading: Promise<typeof import('sharp')> | null = null;
export async function loadSharp(): Promise<typeof import('sharp')> {
  loading ??= import('sharp').then((m) => ('default' in m ? (m.default as unknown as typeof import('sharp')) : m));
  return loading;
}

/** Images larger than this many pixels are refused before decoding (a decompression bomb). */
export const MAX_PIXELS = 100_000_000;

export interface ImageFacts {
  width: number;
  height: number;
  /** More than one frame (an animated GIF, WebP or AVIF sequence). */
  animated: boolean;
  hasAlpha: boolean;
}

/** What sharp calls each accepted type (AVIF is a HEIF container with AV1 compression). */
const sharpFormat: Record<ImageType['ext'], string> = { jpg: 'jpeg', png: 'png', webp: 'webp', gif: 'gif', avif: 'heif' };

/**
 * Decode the whole image with sharp: its header must agree with the type its magic numbers gave,
 * and every pixel must decode (a valid header followed by garbage fails here). Null when it does not.
 */
export async function inspectImage(bytes: Uint8Array, type: ImageType): Promise<ImageFacts | null> {
  const sharp = await loadSharp();
  try {
    const image = sharp(bytes, { failOn: 'warning', limitInputPixels: MAX_PIXELS });
    const meta = await image.metadata();
    if (meta.format !== sharpFormat[type.ext]) return null;
    if (type.ext === 'avif' && meta.compression !== 'av1') return null;
    if (!meta.width || !meta.height) return null;
    // Decoding every pixel is what proves the file whole; stats() does that without keeping them.
    await sharp(bytes, { failOn: 'warning', limitInputPixels: MAX_PIXELS }).stats();
    const oriented = meta.autoOrient ?? { width: meta.width, height: meta.height };
    return { width: oriented.width, height: oriented.height, animated: (meta.pages ?? 1) > 1, hasAlpha: Boolean(meta.hasAlpha) };
  } catch {
    return null;
  }
}
