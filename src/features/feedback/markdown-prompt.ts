import type MarkdownIt from 'markdown-it';
import type { StateCore, StateInline, Token } from 'markdown-it';

/**
 * Authors invite feedback on a passage with our own inline syntax (docs/feedback.md):
 *
 *     {{feedback "What do you think of this plan?"}}The bridge closes for two weeks.{{/feedback}}
 *
 * The question is optional (`{{feedback}}…{{/feedback}}`), at most 300 characters, in double
 * quotes (\" and \\ escape). The passage is Markdown and stays inside one block (a paragraph, list
 * item, heading or table cell). It renders as
 * `<mark class="feedback-prompt" data-feedback-prompt="question">passage</mark>`: the stored HTML
 * holds the passage and the question, and the page adds the control that asks it (views), so
 * feeds and search carry no interface. An unmatched or nested tag is left as text.
 */
const OPEN = /^\{\{[ \t]*feedback(?:[ \t]+"((?:[^"\\\n]|\\.){0,300})")?[ \t]*\}\}/;
const CLOSE = /^\{\{[ \t]*\/[ \t]*feedback[ \t]*\}\}/;
const CLOSE_AHEAD = /\{\{[ \t]*\/[ \t]*feedback[ \t]*\}\}/;

/** Prompts open in each inline parse (never more than one: prompts do not nest). */
const openPrompts = new WeakMap<StateInline, number>();

function feedbackTag(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== 0x7b || state.src.charCodeAt(state.pos + 1) !== 0x7b) return false;
  const rest = state.src.slice(state.pos, state.posMax);
  const depth = openPrompts.get(state) ?? 0;
  const open = depth === 0 ? OPEN.exec(rest) : null;
  // An opening tag counts only with a closing one after it, and a closing one only after an
  // opening one: markdown-it's inline state must see balanced tokens.
  if (open && !CLOSE_AHEAD.test(rest.slice(open[0].length))) return false;
  const close = open || depth === 0 ? null : CLOSE.exec(rest);
  const match = open ?? close;
  if (!match) return false;
  if (!silent) {
    const token = state.push(open ? 'feedback_open' : 'feedback_close', 'mark', open ? 1 : -1);
    token.markup = match[0];
    if (open) token.meta = { question: (open[1] ?? '').replace(/\\(.)/g, '$1').trim() };
    openPrompts.set(state, open ? 1 : 0);
  }
  state.pos += match[0].length;
  return true;
}

/** Tags without their partner (or nested in another prompt) become the text they were. */
function balance(state: StateCore): void {
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children) continue;
    let open: Token | null = null;
    for (const token of block.children) {
      if (token.type === 'feedback_open') {
        if (open) toText(token);
        else open = token;
      } else if (token.type === 'feedback_close') {
        if (open) open = null;
        else toText(token);
      }
    }
    if (open) toText(open);
  }
}

function toText(token: Token): void {
  token.type = 'text';
  token.tag = '';
  token.nesting = 0;
  token.content = token.markup;
}

export function feedbackPrompts(md: MarkdownIt): void {
  md.inline.ruler.before('emphasis', 'feedback_prompt', feedbackTag);
  md.core.ruler.after('inline', 'feedback_prompt_balance', balance);
  md.renderer.rules.feedback_open = (tokens, idx) => {
    const question = (tokens[idx]?.meta as { question?: string } | undefined)?.question ?? '';
    return `<mark class="feedback-prompt"${question ? ` data-feedback-prompt="${md.utils.escapeHtml(question)}"` : ''}>`;
  };
  md.renderer.rules.feedback_close = () => '</mark>';
}
