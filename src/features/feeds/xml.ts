// Small helpers shared by the XML builders of this area. Text and attribute values go through
// escapeXml; only <content:encoded> bodies use CDATA.

export const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';

// Anything outside XML 1.0's Char production (control characters, U+FFFE/U+FFFF, lone surrogates)
// is forbidden even inside CDATA; escapeXml drops the same characters from escaped text.
const INVALID_XML_CHARS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Wrap text in CDATA, splitting the section wherever the text itself contains `]]>`. */
export function cdata(text: string): string {
  const clean = text.replace(INVALID_XML_CHARS, '').replaceAll(']]>', ']]]]><![CDATA[>');
  return `<![CDATA[${clean}]]>`;
}

function parseDate(value: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Invalid date: ${value}`);
  return date;
}

/** RFC 822 / RFC 1123 date as RSS 2.0 wants it, e.g. `Tue, 05 Mar 2024 09:30:00 GMT`. */
export function rfc822(iso: string): string {
  return parseDate(iso).toUTCString();
}

/** RFC 3339 / W3C datetime in UTC, e.g. `2024-03-05T09:30:00.000Z`. */
export function rfc3339(iso: string): string {
  return parseDate(iso).toISOString();
}

/** W3C datetime for sitemaps: a bare `YYYY-MM-DD` stays as it is, anything else is normalised. */
export function w3cDate(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : rfc3339(value);
}
