import { blockTags, skippedTags, type TextModel, TextModelBuilder, uiAttribute } from './text-model.js';

/**
 * The article body's HTML as the server reads it: tokens, and the text model over them
 * (text-model.ts). The body is sanitize-html's output (well-formed, quoted attributes, only
 * &amp; &lt; &gt; &quot; in text), so a small tokenizer reads it as a browser would.
 */
export interface HtmlToken {
  kind: 'open' | 'close' | 'text' | 'other';
  raw: string;
  /** Lower-case tag name ('' for text and other). */
  name: string;
  /** Text tokens: the decoded text. */
  text: string;
  /** The enclosing open token (-1 at the top). */
  parent: number;
  /** Open tokens: the token that closes it (its own index for void elements, tokens.length if never closed). */
  close: number;
  /** Text tokens that are part of the text model: their piece's map; null otherwise. */
  map: Int32Array | null;
  /** Open tokens: inside (or being) a skipped element. */
  skipped: boolean;
}

export interface HtmlText {
  tokens: HtmlToken[];
  model: TextModel;
}

const voidTags = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const tokenPattern =
  /<!--[\s\S]*?-->|<![^>]*>|<\/([A-Za-z][A-Za-z0-9-]*)\s*>|<([A-Za-z][A-Za-z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>|[^<]+|</g;
const named: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z]{2,8});/g, (whole, e: string) => {
    if (e[0] !== '#') return named[e] ?? whole;
    const code = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1));
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '\ufffd';
  });
}

export function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;');
}

const attrPatterns = new Map<string, RegExp>();

/** The decoded value of attribute `name` in an open tag's raw text, or null. */
export function attrOf(raw: string, name: string): string | null {
  // Most tags have no attributes at all: nothing to look for.
  if (raw.length < name.length + 3) return null;
  let pattern = attrPatterns.get(name);
  if (!pattern) attrPatterns.set(name, (pattern = new RegExp(`\\s${name}(?:\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'=<>\`]+)))?(?=[\\s/>])`, 'i')));
  const m = pattern.exec(raw);
  if (!m) return null;
  return decodeEntities(m[1] ?? m[2] ?? m[3] ?? '');
}

/** Tokenize sanitised HTML and build its text model. */
export function readHtml(html: string): HtmlText {
  const tokens: HtmlToken[] = [];
  const builder = new TextModelBuilder(html.length);
  /** Open elements: token index, and the block their text belongs to. */
  const stack: Array<{ index: number; block: number }> = [];
  const top = () => stack[stack.length - 1];
  for (const m of html.matchAll(tokenPattern)) {
    const raw = m[0];
    const index = tokens.length;
    const parent = top()?.index ?? -1;
    const parentSkipped = parent >= 0 && (tokens[parent] as HtmlToken).skipped;
    const block = top()?.block ?? -1;
    if (m[2]) {
      const name = m[2].toLowerCase();
      const skipped = parentSkipped || skippedTags.has(name) || attrOf(raw, uiAttribute) !== null;
      const token: HtmlToken = {
        kind: 'open',
        raw,
        name,
        text: '',
        parent,
        close: tokens.length,
        map: null,
        skipped,
      };
      tokens.push(token);
      if (voidTags.has(name)) {
        if (name === 'br' && !skipped) builder.add(' ', block);
      } else {
        token.close = -1;
        stack.push({ index, block: blockTags.has(name) ? index : block });
      }
    } else if (m[1]) {
      const name = m[1].toLowerCase();
      tokens.push({
        kind: 'close',
        raw,
        name,
        text: '',
        parent,
        close: -1,
        map: null,
        skipped: parentSkipped,
      });
      let at = stack.length - 1;
      while (at >= 0 && (tokens[(stack[at] as { index: number }).index] as HtmlToken).name !== name) at--;
      if (at < 0) continue;
      // Elements left open inside it end here too, as in a browser.
      for (const entry of stack.splice(at)) (tokens[entry.index] as HtmlToken).close = index;
      (tokens[index] as HtmlToken).parent = top()?.index ?? -1;
    } else if (raw[0] === '<' && raw.length > 1) {
      tokens.push({
        kind: 'other',
        raw,
        name: '',
        text: '',
        parent,
        close: -1,
        map: null,
        skipped: true,
      });
    } else {
      const text = decodeEntities(raw);
      tokens.push({
        kind: 'text',
        raw,
        name: '',
        text,
        parent,
        close: -1,
        map: parentSkipped ? null : builder.add(text, block),
        skipped: parentSkipped,
      });
    }
  }
  for (const entry of stack) (tokens[entry.index] as HtmlToken).close = tokens.length;
  return { tokens, model: builder.finish() };
}

/** The text model's text of a rendered body: what passage selectors point into. */
export function articleText(html: string): string {
  return readHtml(html).model.text;
}

/** The text-model range of the text inside open token `open` (null when it holds no text). */
export function rangeInside(read: HtmlText, open: number): { start: number; end: number } | null {
  const { tokens } = read;
  const close = (tokens[open] as HtmlToken).close;
  let start = -1;
  let end = -1;
  for (let i = open + 1; i < close && i < tokens.length; i++) {
    const map = (tokens[i] as HtmlToken).map;
    if (!map) continue;
    for (const m of map) {
      if (m < 0) continue;
      if (start < 0) start = m;
      end = m + 1;
    }
  }
  return start < 0 ? null : { start, end };
}

/** Where each character of the text model comes from: its text token and offset (-1 for the '\n' between lines). */
export function sourceOf(read: HtmlText): {
  token: Int32Array;
  offset: Int32Array;
} {
  const token = new Int32Array(read.model.text.length).fill(-1);
  const offset = new Int32Array(read.model.text.length).fill(-1);
  read.tokens.forEach((t, index) => {
    if (!t.map) return;
    for (let i = 0; i < t.map.length; i++) {
      const m = t.map[i] as number;
      // A collapsed whitespace run maps to one character: its first source character.
      if (m >= 0 && token[m] === -1) {
        token[m] = index;
        offset[m] = i;
      }
    }
  });
  return { token, offset };
}
