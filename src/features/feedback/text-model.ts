/**
 * The text model of an article: the text passage comments are anchored in (docs/feedback.md).
 *
 * It is the text content of the rendered body's block elements, in document order, joined with
 * '\n'. Precisely, walking the body's nodes in document order:
 *  - a text node belongs to its nearest block ancestor (`blockTags`; the body itself otherwise);
 *    consecutive text of one block is one line, and a new block starts a new line;
 *  - inside a line, every run of ASCII whitespace (space, tab, CR, LF, FF) is one ' ', and the
 *    line is trimmed; lines left empty are dropped; `<br>` counts as a space;
 *  - elements in `skippedTags`, and any element carrying the `data-feedback-ui` attribute (our own
 *    controls: counts, per-paragraph links, the author's question), contribute nothing.
 * Offsets are UTF-16 code units (JavaScript string indices).
 *
 * This module is pure and tiny on purpose: the server builds the model from the body's HTML
 * (html-text.ts) and the browser from the DOM (client/feedback.ts), with the same builder, so
 * both sides see the same text.
 */

export const blockTags = new Set(
  'address article aside blockquote caption dd details dialog div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot th thead tr ul'.split(
    ' ',
  ),
);
export const skippedTags = new Set('audio button canvas iframe math noscript object script select style svg template textarea video'.split(' '));
export const uiAttribute = 'data-feedback-ui';

/** One line of the text: a block with text, and where its text is. */
export interface TextSegment {
  start: number;
  end: number;
  /** The block it comes from (a DOM element in the browser, a token index on the server). */
  block: unknown;
}

export interface TextModel {
  text: string;
  /** Per piece, in the order added: the index in `text` of each of its characters, or -1 for one left out (trimmed). */
  maps: Int32Array[];
  segments: TextSegment[];
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 12 || c === 13;

/** Builds the text from pieces of text (text nodes, and ' ' for each <br>), each with its block. */
export class TextModelBuilder {
  /** The text so far, as pieces joined by finish(), and its length. */
  private readonly parts: string[] = [];
  private length = 0;
  private readonly maps: Int32Array[] = [];
  private readonly segments: TextSegment[] = [];
  /** The block of the current line; a fresh object matches no block at first. */
  private block: unknown = {};
  private open: TextSegment | null = null;
  /** A whitespace run not emitted yet: [map, from, to] parts (it may span pieces). */
  private space: Array<[Int32Array, number, number]> = [];
  /** Room for the maps of every piece, when the caller knows the total length (one allocation, not one per piece). */
  private readonly pool: Int32Array | null;
  private used = 0;

  /** `capacity`: the total length of the pieces to come, if known (the server passes the HTML's length). */
  constructor(capacity = 0) {
    this.pool = capacity > 0 ? new Int32Array(capacity).fill(-1) : null;
  }

  /** Add the text of one piece; returns its map (also kept in `maps`). */
  add(data: string, block: unknown): Int32Array {
    const map = this.pool && this.used + data.length <= this.pool.length ? this.pool.subarray(this.used, (this.used += data.length)) : new Int32Array(data.length).fill(-1);
    this.maps.push(map);
    if (block !== this.block) {
      this.open = null;
      this.space = [];
      this.block = block;
    }
    // Stretch by stretch, not character by character: words separated by single spaces are
    // already what the text holds, so each such stretch is appended as one slice.
    const n = data.length;
    let i = 0;
    while (i < n) {
      const from = i;
      if (isSpace(data.charCodeAt(i))) {
        while (i < n && isSpace(data.charCodeAt(i))) i++;
        // Leading whitespace of a line is dropped; inside a line a run waits for the next word.
        if (this.open) this.space.push([map, from, i]);
        continue;
      }
      for (;;) {
        while (i < n && !isSpace(data.charCodeAt(i))) i++;
        // A single ' ' followed by a word stays as it is; anything else ends the stretch.
        if (i + 1 < n && data.charCodeAt(i) === 32 && !isSpace(data.charCodeAt(i + 1))) i++;
        else break;
      }
      if (!this.open) {
        if (this.length) this.append('\n');
        this.open = { start: this.length, end: 0, block };
        this.segments.push(this.open);
      } else if (this.space.length) {
        const at = this.length;
        this.append(' ');
        for (const run of this.space) run[0].fill(at, run[1], run[2]);
        this.space = [];
      }
      const at = this.length - from;
      for (let k = from; k < i; k++) map[k] = at + k;
      this.append(data.slice(from, i));
      this.open.end = this.length;
    }
    return map;
  }

  private append(piece: string): void {
    this.parts.push(piece);
    this.length += piece.length;
  }

  finish(): TextModel {
    return { text: this.parts.join(''), maps: this.maps, segments: this.segments };
  }
}
