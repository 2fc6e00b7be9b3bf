/**
 * Display names of guests: what makes one unusable, and when one imitates a staff member's.
 * Pure functions; create-comment.ts turns their verdicts into field errors.
 */

/** Zero-width characters, direction marks, overrides and isolates, and the byte-order mark. */
const invisible = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/;
const controls = /\p{Cc}/u;

export const NAME_MAX = 50;

export type NameProblem = 'missing' | 'tooLong' | 'invisible' | 'control';

/** The name as it will be stored (trimmed, inner runs of spaces collapsed), or why it cannot be used. */
export function checkGuestName(raw: string): { name: string } | { problem: NameProblem } {
  if (invisible.test(raw)) return { problem: 'invisible' };
  if (controls.test(raw)) return { problem: 'control' };
  const name = raw.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (!name) return { problem: 'missing' };
  if ([...name].length > NAME_MAX) return { problem: 'tooLong' };
  return { name };
}

/** Letters that look alike across scripts, mapped to the Latin letter they pass for. */
const confusables: Record<string, string> = {
  // Cyrillic
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x',
  ѕ: 's', і: 'i', ї: 'i', ј: 'j', ԁ: 'd', ԛ: 'q', ԝ: 'w', ү: 'y', һ: 'h', ɡ: 'g',
  // Greek
  α: 'a', β: 'b', ε: 'e', η: 'n', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ω: 'w', μ: 'u',
  // Digits and signs read as letters
  '0': 'o', '1': 'l', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '|': 'l', '!': 'l', '$': 's', '@': 'a',
  // Latin letters that pass for another in most fonts
  ı: 'i', ł: 'l', ø: 'o', đ: 'd', ħ: 'h', ß: 'ss',
};

/**
 * A skeleton for comparing names the way a reader's eye does: compatibility forms folded (full
 * width, ligatures, mathematical letters), accents dropped, case ignored, look-alike letters from
 * other scripts and digits mapped to Latin, "rn"/"vv" read as "m"/"w", and "i" as "l" (as "I" and
 * "l" look the same), and everything that is not a letter removed (spaces, dots, underscores).
 */
export function nameSkeleton(name: string): string {
  const folded = name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  let out = '';
  for (const ch of folded) out += confusables[ch] ?? ch;
  return out
    .replace(/[^\p{L}\p{N}]/gu, '')
    .replace(/rn/g, 'm')
    .replace(/vv/g, 'w')
    .replace(/i/g, 'l');
}

/** Staff names are few and checked on every guest's post: their skeletons are kept (bounded). */
const staffSkeletons = new Map<string, string>();
function staffSkeleton(name: string): string {
  let skeleton = staffSkeletons.get(name);
  if (skeleton === undefined) {
    if (staffSkeletons.size >= 2_000) staffSkeletons.clear();
    staffSkeletons.set(name, (skeleton = nameSkeleton(name)));
  }
  return skeleton;
}

/**
 * The staff name that `name` imitates, if any: the same skeleton, or (for staff names long enough
 * not to be common words) a skeleton that contains it, as in "Mira Castell (editor)".
 */
export function imitatedStaffName(name: string, staffNames: readonly string[]): string | null {
  const guest = nameSkeleton(name);
  if (!guest) return null;
  for (const staff of staffNames) {
    const skeleton = staffSkeleton(staff);
    if (!skeleton) continue;
    if (guest === skeleton || (skeleton.length >= 8 && guest.includes(skeleton))) return staff;
  }
  return null;
}
