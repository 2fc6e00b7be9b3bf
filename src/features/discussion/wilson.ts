/**
 * The lower bound of the Wilson score interval (95% confidence) for the share of up-votes: the
 * "Best" order. A comment with 40 up and 4 down ranks above one with 2 up and 0 down, which a plain
 * ratio gets wrong and a net score gets wrong the other way for old, heavily voted comments.
 */
export function wilsonLowerBound(upvotes: number, downvotes: number, z = 1.959964): number {
  const n = upvotes + downvotes;
  if (n <= 0) return 0;
  const p = upvotes / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const margin = z * Math.sqrt((p * (1 - p) + z2 / (4 * n)) / n);
  return Math.max(0, (centre - margin) / (1 + z2 / n));
}
