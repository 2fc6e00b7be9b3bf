/** Cleaning and checking what a donor types. Pure; the views escape the result anyway. */

export const NAME_MAX = 80;
export const MESSAGE_MAX = 280;

/**
 * Plain text for a public place: no control or invisible formatting characters (bidi overrides,
 * zero-width spaces used to dodge filters), spaces collapsed, at most two line breaks in a row,
 * cut to `max` characters.
 */
export function cleanText(input: string, max: number, multiline = false): string {
  let text = input.normalize('NFC').replace(/\r\n?/g, '\n');
  // Control (Cc) and format (Cf) characters, but line breaks and the emoji joiner (U+200D).
  text = text.replace(/(?![\n\u200D])[\p{Cc}\p{Cf}]/gu, '');
  text = multiline ? text.replace(/[ \t]+/g, ' ').replace(/ *\n */g, '\n').replace(/\n{3,}/g, '\n\n') : text.replace(/\s+/g, ' ');
  return [...text.trim()].slice(0, max).join('').trim();
}

export function normaliseEmail(input: string): string {
  return input.trim().toLowerCase();
}

export function isEmail(input: string): boolean {
  return input.length <= 254 && /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]{2,}$/.test(input);
}
