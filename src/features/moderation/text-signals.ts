/** Measurements of a comment's text that several rules use, taken once per comment. */
export interface TextSignals {
  /** Web addresses (http://, https://, www.). */
  links: number;
  /** Letters outside links, and how many of those are capitals. */
  letters: number;
  capitals: number;
  /** The longest run of one repeated character (letters and punctuation; digits and Markdown markers aside). */
  longestRun: number;
  /** Characters of text outside links. */
  textLength: number;
}

const linkPattern = /\b(?:https?:\/\/|www\.)[^\s<>()[\]]+/giu;
/** Characters whose runs mean nothing: digits (1,000,000), whitespace, and Markdown's rules and fences. */
const runExempt = /[\p{N}\s\-_=*`~#>|.]/u;

export function measureText(markdown: string): TextSignals {
  let links = 0;
  const text = markdown.replace(linkPattern, () => {
    links++;
    return ' ';
  });
  let letters = 0;
  let capitals = 0;
  let longestRun = 0;
  let run = 0;
  let previous = '';
  for (const ch of text) {
    const lower = ch.toLowerCase();
    const upper = ch.toUpperCase();
    if (lower !== upper) {
      letters++;
      if (ch === upper) capitals++;
    }
    if (ch === previous && !runExempt.test(ch)) run++;
    else run = 1;
    if (run > longestRun && !runExempt.test(ch)) longestRun = run;
    previous = ch;
  }
  return { links, letters, capitals, longestRun, textLength: text.trim().length };
}
