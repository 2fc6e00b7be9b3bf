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

/** ASCII answered from a table (most of every comment): 1 = exempt from runs. */
const asciiExempt = new Uint8Array(128);
for (const ch of '0123456789 \t\n\r\v\f-_=*`~#>|.') asciiExempt[ch.charCodeAt(0)] = 1;

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
  let previous = -1;
  for (let i = 0; i < text.length; ) {
    const code = text.codePointAt(i) as number;
    i += code > 0xffff ? 2 : 1;
    let exempt: boolean;
    if (code < 128) {
      const folded = code | 32;
      if (folded >= 97 && folded <= 122) {
        letters++;
        if (code <= 90) capitals++;
      }
      exempt = asciiExempt[code] === 1;
    } else {
      const ch = String.fromCodePoint(code);
      const upper = ch.toUpperCase();
      if (ch.toLowerCase() !== upper) {
        letters++;
        if (ch === upper) capitals++;
      }
      exempt = runExempt.test(ch);
    }
    if (code === previous && !exempt) run++;
    else run = 1;
    if (run > longestRun && !exempt) longestRun = run;
    previous = code;
  }
  return { links, letters, capitals, longestRun, textLength: text.trim().length };
}
