import { escapeText, type HtmlText, type HtmlToken, readHtml, sourceOf } from '../../features/feedback/html-text.js';
import { findPrompts } from '../../features/feedback/prompts.js';
import type { I18n } from '../../i18n/index.js';
import { type SafeHtml, trustSanitized } from '../render.js';

/** A passage to highlight: its id (`#passage-<id>`, `/articles/:slug/passages/<id>`), range and comment count. */
export interface PassageHighlight {
  id: number;
  start: number;
  end: number;
  count: number;
}

export interface DecorateInput {
  slug: string;
  passages: readonly PassageHighlight[];
  /** Comments are open: offer the per-paragraph links and the authors' questions. */
  open: boolean;
  i18n: I18n;
}

/** Blocks that get a "comment on this paragraph" link. */
const paragraphTags = new Set(['p', 'li']);
/** Interactive elements nothing interactive may go inside. */
const interactive = new Set(['a', 'button', 'label', 'summary']);

interface Insert {
  at: number;
  order: number;
  html: string;
}

/**
 * The article body as the page shows it (docs/feedback.md): each passage with comments wrapped in
 * <mark class="passage"> elements (one per piece of text, so a passage crossing element boundaries
 * becomes several marks, never mis-nested HTML), preceded by a visually hidden "Passage with N
 * comments:" for screen readers and followed by a link "N comments on this passage";
 * a link after each paragraph to comment on all of it; and the author's question after each
 * feedback prompt. Everything added carries `data-feedback-ui`, so the text model ignores it.
 * Input is sanitised HTML; everything added is escaped here.
 */
export function decorateBody(html: string, input: DecorateInput): SafeHtml {
  const read = readHtml(html);
  const { tokens, model } = read;
  const { t } = input.i18n;
  const inserts = new Map<number, Insert[]>();
  const insert = (place: { token: number; at: number }, order: number, fragment: string) => {
    const list = inserts.get(place.token) ?? [];
    list.push({ at: place.at, order, html: fragment });
    inserts.set(place.token, list);
  };
  const source = sourceOf(read);
  const passages = input.passages.filter((p) => p.start >= 0 && p.end <= model.text.length && p.start < p.end && p.count > 0);

  for (const p of passages) {
    const token = source.token[p.end - 1] as number;
    if (token < 0) continue;
    // Where the highlight starts, for screen readers (a <mark> alone is not announced by all of
    // them); the count link after it says where it ends.
    const first = source.token[p.start] as number;
    if (first >= 0)
      insert(
        { token: first, at: source.offset[p.start] as number },
        3,
        `<span class="visually-hidden" data-feedback-ui>${escapeText(t('feedback.passageStart', { count: p.count }))} </span>`,
      );
    const label = t('feedback.passageCount', { count: p.count });
    insert(
      outOf(read, token, (source.offset[p.end - 1] as number) + 1, (n) => interactive.has(n.name)),
      1,
      `<a class="passage-count" href="/articles/${input.slug}/passages/${p.id}" data-passage="${p.id}" data-feedback-ui><span aria-hidden="true">${p.count}</span><span class="visually-hidden">${escapeText(label)}</span></a>`,
    );
  }
  if (input.open) {
    model.segments.forEach((segment, index) => {
      const block = segment.block as number;
      if (block < 0 || !paragraphTags.has((tokens[block] as HtmlToken).name)) return;
      const token = source.token[segment.end - 1] as number;
      if (token < 0) return;
      insert(
        outOf(read, token, (source.offset[segment.end - 1] as number) + 1, (_n, i) => i !== block, block),
        2,
        `<a class="para-comment" href="/articles/${input.slug}/feedback?p=${index}" data-p="${index}" data-feedback-ui>${escapeText(t('feedback.paragraphShort'))}<span class="visually-hidden"> ${escapeText(t('feedback.paragraphRest'))}</span></a>`,
      );
    });
    for (const prompt of findPrompts(read)) {
      const close = (tokens[prompt.token] as HtmlToken).close;
      const question = prompt.question || t('feedback.promptDefault');
      insert(
        outOf(read, close, Number.POSITIVE_INFINITY, (n) => interactive.has(n.name)),
        0,
        `<a class="feedback-ask" href="/articles/${input.slug}/feedback?prompt=${prompt.index}" data-prompt="${prompt.index}" data-feedback-ui><span class="feedback-ask-q">${escapeText(question)}</span><span class="visually-hidden"> (${escapeText(t('feedback.commentPassage'))})</span></a>`,
      );
    }
  }
  return trustSanitized(rebuild(read, passages, inserts));
}

/**
 * Move a place in token `token` (text offset `at`; Infinity: after the token) out of the ancestors
 * `leave` picks, up to `stop`: after the close tag of the outermost such ancestor.
 */
function outOf(read: HtmlText, token: number, at: number, leave: (t: HtmlToken, index: number) => boolean, stop = -1): { token: number; at: number } {
  const { tokens } = read;
  let place = { token, at };
  for (let node = (tokens[token] as HtmlToken).parent; node >= 0 && node !== stop; node = (tokens[node] as HtmlToken).parent) {
    const t = tokens[node] as HtmlToken;
    if (leave(t, node)) place = { token: t.close, at: Number.POSITIVE_INFINITY };
  }
  return place;
}

function rebuild(read: HtmlText, passages: readonly PassageHighlight[], inserts: Map<number, Insert[]>): string {
  const { tokens } = read;
  // Which passages cover each stretch of the text: boundaries, and the covering ids between them.
  const bounds = [...new Set(passages.flatMap((p) => [p.start, p.end]))].sort((a, b) => a - b);
  const keys = bounds.map((b) =>
    passages
      .filter((p) => p.start <= b && b < p.end)
      .map((p) => p.id)
      .sort((x, y) => x - y)
      .join(' '),
  );
  const keyAt = (m: number): string => {
    let lo = 0;
    let hi = bounds.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((bounds[mid] as number) <= m) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found < 0 ? '' : (keys[found] as string);
  };
  const started = new Set<number>();
  const openMark = (key: string) => {
    const ids = key.split(' ').map(Number);
    const fresh = ids.filter((id) => !started.has(id));
    for (const id of fresh) started.add(id);
    const [first, ...others] = fresh;
    // One id per element: a second passage starting here gets an empty target before the mark.
    const targets = others.map((id) => `<span id="passage-${id}" class="passage-target" data-feedback-ui></span>`).join('');
    return `${targets}<mark class="passage" data-passage="${key}"${first !== undefined ? ` id="passage-${first}"` : ''}>`;
  };

  const out: string[] = [];
  const flush = (list: Insert[] | undefined, test: (at: number) => boolean) => {
    if (!list) return;
    for (const item of list.filter((i) => test(i.at)).sort((a, b) => a.order - b.order)) out.push(item.html);
  };
  tokens.forEach((token, index) => {
    const list = inserts.get(index);
    const map = token.map;
    if (token.kind !== 'text' || !map || (bounds.length === 0 && !list)) {
      out.push(token.raw);
      flush(list, () => true);
      return;
    }
    const text = token.text;
    // Places in this text where fragments go, in order (those past its end go after it).
    const stops = list ? [...new Set(list.map((item) => item.at).filter((at) => at <= text.length))].sort((a, b) => a - b) : [];
    let next = 0;
    let open = '';
    let from = 0;
    /** End the current run of text (and its mark) at `to`. */
    const close = (to: number) => {
      if (to > from) out.push(open ? `${escapeText(text.slice(from, to))}</mark>` : escapeText(text.slice(from, to)));
      from = to;
      open = '';
    };
    const marking = bounds.length > 0;
    let i = 0;
    while (i <= text.length) {
      if (next < stops.length && stops[next] === i) {
        close(i);
        flush(list, (at) => at === i);
        next++;
      }
      if (i === text.length) break;
      if (!marking) {
        // No highlight anywhere: the text runs unchanged to the next stop.
        i = next < stops.length ? (stops[next] as number) : text.length;
        continue;
      }
      const m = map[i] as number;
      const key = m >= 0 ? keyAt(m) : '';
      if (key !== open) {
        close(i);
        if (key) out.push(openMark(key));
        open = key;
      }
      i++;
    }
    close(text.length);
    flush(list, (at) => at > text.length);
  });
  // Places after elements never closed (the end of the body).
  flush(inserts.get(tokens.length), () => true);
  return out.join('');
}
