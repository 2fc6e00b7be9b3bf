import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Where uploads live: DATA_DIR/media/uploads/<id>/original.<ext> and <width>.<ext> beside it,
 * served by the /media/ static route. Paths are built from ids and known extensions only.
 */
export function uploadDir(dataDir: string, id: number): string {
  return path.join(dataDir, 'media', 'uploads', String(id));
}

export function originalUrl(id: number, ext: string): string {
  return `/media/uploads/${id}/original.${ext}`;
}

export function variantUrl(id: number, width: number, ext: string): string {
  return `/media/uploads/${id}/${width}.${ext}`;
}

/** Write a file whole or not at all: to a temporary name, then renamed into place. */
export async function writeFileAtomic(file: string, bytes: Uint8Array): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  await fs.writeFile(temporary, bytes);
  await fs.rename(temporary, file);
}
