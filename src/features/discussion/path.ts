/**
 * Materialised paths: each comment's path is its parent's path followed by its own id as ten
 * zero-padded digits. Sorting by path gives thread order (a parent before its replies, replies
 * oldest first), and a comment's descendants are the paths in [path, path + ':').
 */
export const SEGMENT_WIDTH = 10;

export function pathSegment(id: number): string {
  if (!Number.isSafeInteger(id) || id <= 0 || id >= 10 ** SEGMENT_WIDTH) throw new RangeError(`comment id out of range: ${id}`);
  return String(id).padStart(SEGMENT_WIDTH, '0');
}

export function childPath(parentPath: string, id: number): string {
  return `${parentPath}${pathSegment(id)}`;
}

/** The exclusive upper bound of a comment's descendants (':' sorts right after '9'). */
export function descendantsEnd(path: string): string {
  return `${path}:`;
}

/** The ids along a path, root first. */
export function pathIds(path: string): number[] {
  const ids: number[] = [];
  for (let i = 0; i < path.length; i += SEGMENT_WIDTH) ids.push(Number(path.slice(i, i + SEGMENT_WIDTH)));
  return ids;
}
