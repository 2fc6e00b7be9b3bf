/**
 * Inline feedback on article pages (docs/feedback.md). Without it every control is a link that
 * works: "Comment" after a paragraph and an author's question lead to a page with the passage and
 * the comment form, a count leads to the passage's comments. With it:
 *  - selecting text in the article body (mouse, touch or keyboard) shows "Comment on this passage"
 *    beside the selection; it, the per-paragraph links and the authors' questions put the passage
 *    above the discussion's comment form (quote + hidden selector fields) and move the focus there;
 *    "Remove the quote" takes it away and puts the focus back where it was;
 *  - a count opens that passage's comments in place (a disclosure), Escape closes them.
 * Selectors are computed over the same text model as the server's (features/feedback/text-model.ts).
 * A passage comment is posted by the form itself (a page load that shows the new highlight).
 */
import { blockTags, skippedTags, type TextModel, TextModelBuilder, uiAttribute } from '../features/feedback/text-model.js';

interface Piece {
  node: Text;
  map: Int32Array;
}

interface Selector {
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
}

/** The text model of the article body, from the DOM, with the text node behind each piece. */
export function bodyText(root: Element): { model: TextModel; pieces: Piece[] } {
  const builder = new TextModelBuilder();
  const pieces: Piece[] = [];
  const walk = (parent: Node, block: Node) => {
    for (let node = parent.firstChild; node; node = node.nextSibling) {
      if (node.nodeType === 3)
        pieces.push({
          node: node as Text,
          map: builder.add((node as Text).data, block),
        });
      else if (node.nodeType === 1) {
        const el = node as Element;
        const tag = el.localName;
        if (skippedTags.has(tag) || el.hasAttribute(uiAttribute)) continue;
        if (tag === 'br') builder.add(' ', block);
        else walk(el, blockTags.has(tag) ? el : block);
      }
    }
  };
  walk(root, root);
  return { model: builder.finish(), pieces };
}

/** The part of `range` inside the body, in text-model offsets (null when it holds no text). */
function toModel(range: Range, pieces: Piece[]): { start: number; end: number } | null {
  let start = -1;
  let end = -1;
  for (const piece of pieces) {
    const node = piece.node;
    if (!range.intersectsNode(node)) continue;
    const to = node === range.endContainer ? range.endOffset : node.length;
    for (let i = node === range.startContainer ? range.startOffset : 0; i < to; i++) {
      const m = piece.map[i] as number;
      if (m < 0) continue;
      if (start < 0) start = m;
      end = m + 1;
    }
  }
  return start < 0 ? null : { start, end };
}

function describe(text: string, start: number, end: number): Selector | null {
  while (start < end && /\s/.test(text.charAt(start))) start++;
  while (end > start && /\s/.test(text.charAt(end - 1))) end--;
  if (start >= end) return null;
  return {
    start,
    end,
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - 32), start),
    suffix: text.slice(end, end + 32),
  };
}

export function init(doc: Document): void {
  const body = doc.querySelector<HTMLElement>('.article-body');
  const form = doc.getElementById('comment-form') as HTMLFormElement | null;
  const box = doc.getElementById('comment-passage');
  if (!body) return;
  const section = doc.getElementById('comments');
  const text = () => bodyText(body);
  let opener: HTMLElement | null = null;

  const field = (name: string) => (form ? (form.elements.namedItem(name) as HTMLInputElement | null) : null);
  const set = (name: string, value: string) => {
    const input = field(name);
    if (input) input.value = value;
  };
  const clear = (refocus: boolean) => {
    if (!box) return;
    for (const name of ['start', 'end', 'exact', 'prefix', 'suffix', 'article', 'question']) set(`passage_${name}`, '');
    box.hidden = true;
    if (refocus && opener && opener.isConnected) opener.focus();
  };
  /** Put the passage above the comment form and move there. */
  const open = (selector: Selector | null, question: string, from: HTMLElement | null): boolean => {
    if (!form || !box || !selector) return false;
    set('passage_start', String(selector.start));
    set('passage_end', String(selector.end));
    set('passage_exact', selector.exact);
    set('passage_prefix', selector.prefix);
    set('passage_suffix', selector.suffix);
    set('passage_article', (section && section.dataset.articleId) || '');
    set('passage_question', question);
    const quote = box.querySelector('[data-passage-quote]');
    const ask = box.querySelector<HTMLElement>('[data-passage-question]');
    if (quote) quote.textContent = selector.exact;
    if (ask) {
      ask.hidden = !question;
      ask.textContent = question;
    }
    box.hidden = false;
    opener = from;
    const textarea = form.querySelector<HTMLElement>('textarea');
    box.scrollIntoView({ block: 'start' });
    if (textarea) textarea.focus({ preventScroll: true });
    return true;
  };
  const ofRange = (range: Range) => {
    const model = text();
    const found = toModel(range, model.pieces);
    return found && describe(model.model.text, found.start, found.end);
  };

  // The button beside a selection.
  const button = doc.createElement('button');
  button.type = 'button';
  button.className = 'passage-select';
  button.hidden = true;
  button.setAttribute(uiAttribute, '');
  button.textContent = (box && box.dataset.selectLabel) || '';
  let chosen: Selector | null = null;
  const place = () => {
    const selection = doc.getSelection();
    const range = selection && selection.rangeCount && !selection.isCollapsed ? selection.getRangeAt(0) : null;
    chosen = range && range.intersectsNode(body) && !button.contains(range.startContainer) ? ofRange(range) : null;
    if (!chosen || !range || !form) {
      if (doc.activeElement !== button) button.hidden = true;
      return;
    }
    // In the reading (and Tab) order right after the selection's end; shown beside it.
    const end = range.endContainer;
    const anchor = end.nodeType === 3 ? end : end.childNodes[range.endOffset - 1] || end;
    if (body.contains(anchor) && anchor !== body) anchor.parentNode?.insertBefore(button, anchor.nextSibling);
    else body.append(button);
    const rects = range.getClientRects();
    const last = rects[rects.length - 1] || range.getBoundingClientRect();
    const frame = body.getBoundingClientRect();
    button.hidden = false;
    button.style.top = `${last.bottom - frame.top + 6}px`;
    button.style.left = `${Math.max(0, Math.min(last.right - frame.left - button.offsetWidth / 2, frame.width - button.offsetWidth))}px`;
  };
  let timer = 0;
  const later = () => {
    clearTimeout(timer);
    timer = window.setTimeout(place, 250);
  };
  doc.addEventListener('selectionchange', later);
  for (const type of ['mouseup', 'keyup', 'touchend']) doc.addEventListener(type, later);
  // Pressing the button must not lose the selection it is about.
  button.addEventListener('mousedown', (e) => e.preventDefault());
  button.addEventListener('click', () => {
    if (open(chosen, '', button)) button.hidden = true;
  });
  // Tab goes from a selection to its button, also when the focus is on something around both (a
  // click in the text focuses <main tabindex="-1">, and Tab would start again from its top).
  doc.addEventListener('keydown', (e) => {
    if (e.key !== 'Tab' || e.shiftKey || e.altKey || e.ctrlKey || e.metaKey || button.hidden || !chosen) return;
    const active = doc.activeElement;
    const selection = doc.getSelection();
    if (active === button || (active && !active.contains(button)) || !selection || selection.isCollapsed) return;
    e.preventDefault();
    button.focus();
  });

  // Disclosures for the counts.
  const closePop = (link: HTMLElement, focus: boolean) => {
    const pop = doc.getElementById(link.getAttribute('aria-controls') || '');
    if (pop) pop.remove();
    link.setAttribute('aria-expanded', 'false');
    if (focus) link.focus();
  };
  const toggle = async (link: HTMLAnchorElement) => {
    if (link.getAttribute('aria-expanded') === 'true') return closePop(link, false);
    const id = `passage-pop-${link.dataset.passage}`;
    const res = await fetch(`${link.pathname}?partial=1`, {
      headers: { accept: 'text/html' },
      credentials: 'same-origin',
    });
    if (!res.ok) {
      location.href = link.href;
      return;
    }
    const pop = doc.createElement('div');
    pop.id = id;
    pop.className = 'passage-pop';
    pop.setAttribute(uiAttribute, '');
    pop.innerHTML = await res.text();
    const close = doc.createElement('button');
    close.type = 'button';
    close.className = 'passage-pop-close';
    close.textContent = '×';
    close.setAttribute('aria-label', doc.documentElement.dataset.closeLabel || 'Close');
    close.addEventListener('click', () => closePop(link, true));
    pop.prepend(close);
    pop.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') closePop(link, true);
    });
    let block: Element = link;
    while (block.parentElement && block.parentElement !== body) block = block.parentElement;
    block.after(pop);
    link.setAttribute('aria-controls', id);
    link.setAttribute('aria-expanded', 'true');
    const heading = pop.querySelector<HTMLElement>('h2');
    if (heading) heading.focus();
  };

  for (const link of body.querySelectorAll<HTMLAnchorElement>('a.passage-count, a.para-comment, a.feedback-ask')) {
    link.setAttribute('role', 'button');
    if (link.classList.contains('passage-count')) link.setAttribute('aria-expanded', 'false');
  }

  doc.addEventListener('click', (e) => {
    const target = e.target instanceof Element ? e.target : null;
    if (!target || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const link = target.closest<HTMLAnchorElement>('a');
    if (target.closest('.comment-reply')) clear(false);
    if (!link) return;
    let done = false;
    if (link.matches('[data-passage-cancel]')) {
      clear(true);
      done = true;
    } else if (link.matches('.article-body a.passage-count')) {
      toggle(link).catch(() => (location.href = link.href));
      done = true;
    } else if (link.matches('.article-body a.para-comment')) {
      const model = text().model;
      const line = model.segments[Number(link.dataset.p)];
      done = !!line && open(describe(model.text, line.start, line.end), '', link);
    } else if (link.matches('.article-body a.feedback-ask')) {
      const mark = body.querySelectorAll('mark.feedback-prompt')[Number(link.dataset.prompt)];
      const range = doc.createRange();
      if (mark) range.selectNodeContents(mark);
      const question = link.querySelector('.feedback-ask-q');
      done = !!mark && open(ofRange(range), question ? question.textContent || '' : '', link);
    } else if (link.matches('.passage-pop [data-passage-comment]')) {
      const thread = link.closest<HTMLElement>('.passage-thread');
      const model = text().model;
      done = !!thread && open(describe(model.text, Number(thread.dataset.start), Number(thread.dataset.end)), '', link);
    }
    if (done) e.preventDefault();
  });

  // A passage comment is posted by the form itself, not by the discussion's script: the page that
  // comes back shows the new highlight. It still carries an idempotency key (the discussion's
  // script would have filled it), so a double click or a retry never makes two comments.
  doc.addEventListener(
    'submit',
    (e) => {
      const exact = field('passage_exact');
      if (e.target !== form || !exact || !exact.value) return;
      const key = field('idempotency_key');
      if (key && !key.value) key.value = idempotencyKey();
      e.stopPropagation();
    },
    true,
  );
}

/** A fresh key for one comment submission (as the discussion's script makes them). */
function idempotencyKey(): string {
  if (crypto.randomUUID) return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

if (typeof document !== 'undefined') init(document);
