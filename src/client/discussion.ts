/**
 * Discussion island (article pages). Without it everything works as forms and links. With it:
 *  - posting, replying, editing, deleting and voting happen in place: the form is posted with
 *    `?fragment=1` and the server answers with the changed part of the page, rendered by the
 *    page's own view components, which is swapped in (one renderer);
 *  - each comment submission carries an idempotency key (kept until it succeeds), so a double
 *    click or a retry never makes two comments;
 *  - "Reply" moves the one form under the comment; sort tabs and "Load more" fetch the section
 *    (`?fragment=discussion`) and the chosen sort is remembered;
 *  - the shared (cached) page is made personal from /api/v1/articles/<slug>/me;
 *  - live: other readers' comments wait behind an "N new comments" button, votes update in place.
 * Anything unexpected falls back to the plain form post, so nothing the reader typed is lost.
 */

interface Me {
  identity: string | null;
  commentIds: number[];
  editable: Array<{ commentId: number }>;
  votes: Array<{ commentId: number; value: 'up' | 'down' }>;
}

const doc = document;
const SORT_KEY = 'outpost.sort';
const INVITE_KEY = 'outpost.inviteClosed';
/** Set once this browser has a reader identity (a guest cookie or a session), so the shared page is worth personalising. */
const KNOWN_KEY = 'outpost.known';

let section: HTMLElement;
let slug = '';
/** Where the form lives when it is not under a comment. */
let formHome: Comment | null = null;
/** A comment post in flight: live events wait for it, so the reader's own comment is not announced as new. */
let posting: Promise<unknown> = Promise.resolve();
const pending = new Set<number>();
let pill: HTMLButtonElement | null = null;
let status: HTMLElement | null = null;

function store(key: string, value?: string | null): string | null {
  try {
    if (value === undefined) return localStorage.getItem(key);
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Storage off (privacy mode): nothing is remembered.
  }
  return null;
}

function $<T extends Element = HTMLElement>(selector: string, root: ParentNode = section): T | null {
  return root.querySelector<T>(selector);
}

function parse(html: string): DocumentFragment {
  const template = doc.createElement('template');
  template.innerHTML = html;
  return template.content;
}

function plain(e: MouseEvent): boolean {
  return e.button === 0 && !(e.metaKey || e.ctrlKey || e.shiftKey || e.altKey);
}

/** Focus without moving the page (targets that are not focusable get tabindex=-1). */
function focusQuietly(el: HTMLElement | null, scroll = false): void {
  if (!el) return;
  if (!el.hasAttribute('tabindex') && !/^(A|BUTTON|INPUT|TEXTAREA|SELECT)$/.test(el.tagName)) el.tabIndex = -1;
  el.focus({ preventScroll: !scroll });
}

function uuid(): string {
  const c = crypto;
  if (c.randomUUID) return c.randomUUID();
  return Array.from(c.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** `{count, plural, =0 {…} one {# …} other {# …}}` and `{name}`, as the server's messages are written. */
function fill(template: string, params: Record<string, number>): string {
  const lang = doc.documentElement.lang || 'en';
  const number = new Intl.NumberFormat(lang);
  return template.replace(/\{(\w+), plural, ((?:[^{}]*\{[^{}]*\})+)\}|\{(\w+)\}/g, (_m, name: string, cases: string, simple: string) => {
    if (simple) return number.format(params[simple] || 0);
    const value = params[name] || 0;
    const options: Record<string, string> = {};
    for (const match of cases.matchAll(/\s*(=?\w+)\s*\{([^{}]*)\}/g)) options[match[1] as string] = match[2] as string;
    const chosen = options[`=${value}`] ?? options[new Intl.PluralRules(lang).select(value)] ?? options.other ?? '';
    return chosen.replace(/#/g, number.format(value));
  });
}

function fragmentUrl(action: string, extra = ''): string {
  return `${action}${action.includes('?') ? '&' : '?'}fragment=1&sort=${section.dataset.sort || 'newest'}${extra}`;
}

function get(url: string): Promise<Response> {
  return fetch(url, { headers: { accept: 'text/html' }, credentials: 'same-origin' });
}

function send(form: HTMLFormElement, url: string, submitter?: HTMLButtonElement | null): Promise<Response> {
  const body = new URLSearchParams();
  new FormData(form).forEach((value, name) => {
    body.append(name, String(value));
  });
  if (submitter && submitter.name) body.append(submitter.name, submitter.value);
  return fetch(url, { method: 'POST', body, headers: { accept: 'text/html' }, credentials: 'same-origin' });
}

/** The plain form post, as without scripts (same fields, same idempotency key). */
function postNatively(form: HTMLFormElement, submitter?: HTMLButtonElement | null): void {
  if (submitter && submitter.name) {
    const field = doc.createElement('input');
    field.type = 'hidden';
    field.name = submitter.name;
    field.value = submitter.value;
    form.append(field);
  }
  HTMLFormElement.prototype.submit.call(form);
}

function known(): void {
  store(KNOWN_KEY, '1');
}

// ---------------------------------------------------------------------------------------------
// Placing comments

function commentEl(id: number | string): HTMLElement | null {
  return doc.getElementById(`comment-${id}`);
}

/** The heading "N comments", here and at the top of the article, as the server now counts. */
function setHeading(list: HTMLElement): void {
  const text = list.dataset.heading;
  if (!text) return;
  const heading = $('#comments-heading');
  if (heading) heading.textContent = text;
  const top = doc.querySelector('.article-comments a');
  if (top) top.textContent = text;
}

/** Put a server-rendered <li class="comment-thread"> where it belongs; false when its place is not on this page. */
function place(item: HTMLElement): boolean {
  const article = item.querySelector<HTMLElement>('article');
  if (!article) return false;
  const existing = commentEl(article.dataset.commentId || '');
  if (existing) {
    existing.replaceWith(article);
    return true;
  }
  const parentId = article.dataset.parentId;
  if (parentId) {
    const parent = commentEl(parentId);
    const thread = parent && parent.parentElement;
    if (!parent || !thread) return false;
    let replies = $<HTMLElement>(':scope > ol.comment-replies', thread);
    if (!replies) {
      replies = doc.createElement('ol');
      replies.className = 'comment-replies';
      const more = $(':scope > .comment-more', thread);
      if (more) more.before(replies);
      else thread.append(replies);
    }
    replies.append(item);
    return true;
  }
  let list = $('ol.comment-list');
  if (!list) {
    list = doc.createElement('ol');
    list.className = 'comment-list';
    const empty = $('.discussion-empty');
    if (empty) empty.replaceWith(list);
    else section.append(list);
  }
  if (section.dataset.sort === 'oldest') list.append(item);
  else list.prepend(item);
  return true;
}

/** Place every item of a fragment list; returns the articles placed. */
function placeAll(html: string, mark: boolean): HTMLElement[] {
  const list = parse(html).firstElementChild as HTMLElement | null;
  if (!list) return [];
  setHeading(list);
  const placed: HTMLElement[] = [];
  for (const item of Array.from(list.children) as HTMLElement[]) {
    const article = item.querySelector<HTMLElement>('article');
    if (article && place(item)) {
      if (mark) article.classList.add('is-new');
      placed.push(commentEl(article.dataset.commentId || '') || article);
    }
  }
  return placed;
}

// ---------------------------------------------------------------------------------------------
// The comment form: post, reply, errors

function commentForm(): HTMLFormElement | null {
  return doc.getElementById('comment-form') as HTMLFormElement | null;
}

function field(form: HTMLFormElement, name: string): HTMLInputElement | null {
  return form.elements.namedItem(name) as HTMLInputElement | null;
}

/** Fetch the form as the server renders it for replying to `id` (or for a new thread) and take its heading and reply line. */
async function retitle(form: HTMLFormElement, id: string): Promise<void> {
  const res = await get(`/articles/${slug}?fragment=form${id ? `&replyto=${id}` : ''}`);
  const next = res.ok ? (parse(await res.text()).firstElementChild as HTMLFormElement | null) : null;
  const parentField = field(form, 'parent_id');
  if (!next || !parentField || parentField.value !== id) return;
  const heading = $('h3', form);
  const fresh = $('h3', next);
  if (heading && fresh) heading.replaceWith(fresh);
  const line = $('.comment-form-replying', form);
  if (line) line.remove();
  const freshLine = $('.comment-form-replying', next);
  if (freshLine) (fresh || form.firstElementChild || form).after(freshLine);
}

function reply(link: HTMLAnchorElement): void {
  const form = commentForm();
  const id = link.dataset.replyTo || '';
  const target = commentEl(id);
  const parentField = form && field(form, 'parent_id');
  if (!form || !target || !parentField) return;
  if (!formHome) {
    formHome = doc.createComment('comment-form');
    form.before(formHome);
  }
  target.after(form);
  parentField.value = id;
  retitle(form, id).catch(() => {});
  const body = field(form, 'body');
  if (body) body.focus();
}

function cancelReply(): void {
  const form = commentForm();
  const parentField = form && field(form, 'parent_id');
  if (!form || !parentField) return;
  if (formHome && formHome.parentNode) formHome.replaceWith(form);
  formHome = null;
  parentField.value = '';
  retitle(form, '').catch(() => {});
  const url = new URL(location.href);
  if (url.searchParams.has('replyto')) {
    url.searchParams.delete('replyto');
    history.replaceState(history.state, '', url.href);
  }
  const body = field(form, 'body');
  if (body) body.focus();
}

async function post(form: HTMLFormElement): Promise<void> {
  if (form.getAttribute('aria-busy') === 'true') return;
  const key = field(form, 'idempotency_key');
  // One key per comment: kept through retries, replaced only once the comment exists.
  if (key && !key.value) key.value = uuid();
  form.setAttribute('aria-busy', 'true');
  let done: () => void = () => {};
  posting = new Promise<void>((resolve) => (done = resolve));
  try {
    const res = await send(form, fragmentUrl(form.action));
    const html = await res.text();
    if (res.ok) {
      known();
      const article = placeAll(html, false)[0];
      const body = field(form, 'body');
      if (body) body.value = '';
      if (key) key.value = '';
      if (field(form, 'parent_id')?.value) cancelReply();
      if (article) focusQuietly(article, true);
    } else if (/^text\/html/.test(res.headers.get('content-type') || '') && /id="comment-form"/.test(html)) {
      // Refused: the same form, with what the reader typed and the reasons.
      const next = parse(html).firstElementChild as HTMLFormElement;
      form.replaceWith(next);
      focusQuietly($('[aria-invalid="true"], [role="alert"]', next) || next);
    } else {
      postNatively(form);
    }
  } catch {
    postNatively(form);
  } finally {
    form.removeAttribute('aria-busy');
    done();
  }
}

// ---------------------------------------------------------------------------------------------
// Votes, edits, deletes

async function vote(form: HTMLFormElement, button: HTMLButtonElement): Promise<void> {
  try {
    const res = await send(form, fragmentUrl(form.action), button);
    if (!res.ok) return postNatively(form, button);
    known();
    const next = parse(await res.text()).firstElementChild as HTMLElement | null;
    if (!next) return;
    form.replaceWith(next);
    focusQuietly($<HTMLButtonElement>(`button[value="${button.value}"]`, next));
  } catch {
    postNatively(form, button);
  }
}

async function remove(form: HTMLFormElement): Promise<void> {
  const article = form.closest<HTMLElement>('article.comment');
  try {
    const res = await send(form, fragmentUrl(form.action));
    if (!res.ok) return postNatively(form);
    const list = parse(await res.text()).firstElementChild as HTMLElement | null;
    if (!list || !article) return;
    setHeading(list);
    const placeholder = $<HTMLElement>('article', list);
    if (placeholder) article.replaceWith(placeholder);
    else {
      const thread = article.parentElement;
      const replies = thread && (thread.parentElement as HTMLElement | null);
      if (thread) thread.remove();
      if (replies && replies.classList.contains('comment-replies') && !replies.children.length) replies.remove();
    }
    focusQuietly(placeholder || $('#comments-heading'));
  } catch {
    postNatively(form);
  }
}

function editing(article: HTMLElement, on: boolean): void {
  for (const part of Array.from(article.querySelectorAll<HTMLElement>(':scope > .comment-body, :scope > .comment-actions'))) part.hidden = on;
}

async function edit(link: HTMLAnchorElement): Promise<void> {
  const article = link.closest<HTMLElement>('article.comment');
  if (!article || $('[data-edit-form]', article)) return;
  try {
    const res = await get(fragmentUrl(link.href));
    if (!res.ok) throw new Error(String(res.status));
    const form = parse(await res.text()).firstElementChild as HTMLElement;
    editing(article, true);
    article.append(form);
    focusQuietly($('textarea', form));
  } catch {
    // The window has closed, or the server is away: the edit page says which.
    location.href = link.href;
  }
}

function stopEditing(form: HTMLElement): void {
  const article = form.closest<HTMLElement>('article.comment');
  form.remove();
  if (!article) return;
  editing(article, false);
  focusQuietly($('.comment-edit', article));
}

async function saveEdit(form: HTMLFormElement): Promise<void> {
  try {
    const res = await send(form, fragmentUrl(form.action));
    const html = await res.text();
    if (res.status === 422) {
      const next = parse(html).firstElementChild as HTMLElement;
      form.replaceWith(next);
      focusQuietly($('textarea', next));
    } else if (res.ok) {
      const article = placeAll(html, false)[0];
      focusQuietly(article || null);
    } else {
      postNatively(form);
    }
  } catch {
    postNatively(form);
  }
}

// ---------------------------------------------------------------------------------------------
// Sorting, paging, reloading the section

/** Replace the section with the server's for `query` (sort, after…), keeping the reader's form and its text. */
async function reload(query: string, focusSort = false): Promise<boolean> {
  const res = await get(`/articles/${slug}?${query}${query ? '&' : ''}fragment=discussion`);
  if (!res.ok) return false;
  const next = parse(await res.text()).firstElementChild as HTMLElement | null;
  if (!next) return false;
  if (formHome) cancelReply();
  const form = commentForm();
  const fresh = $('#comment-form', next);
  if (form && fresh) fresh.replaceWith(form);
  section.replaceWith(next);
  setup(next);
  if (focusSort) focusQuietly($('.discussion-sort [aria-current]'));
  return true;
}

async function sortBy(link: HTMLAnchorElement): Promise<void> {
  const sort = link.dataset.sort || 'newest';
  store(SORT_KEY, sort);
  if (!(await reload(new URL(link.href).search.slice(1), true))) location.href = link.href;
  else history.replaceState(history.state, '', link.href);
}

async function loadMore(link: HTMLAnchorElement): Promise<void> {
  try {
    const res = await get(`${link.href.split('#')[0]}&fragment=discussion`);
    const next = parse(await res.text()).firstElementChild as HTMLElement | null;
    const list = $('ol.comment-list');
    const more = link.closest('.discussion-more');
    if (!res.ok || !next || !list || !more) throw new Error('no page');
    const items = Array.from(next.querySelectorAll<HTMLElement>(':scope > ol.comment-list > li'));
    for (const item of items) list.append(item);
    const nextMore = $('.discussion-more', next);
    if (nextMore) more.replaceWith(nextMore);
    else more.remove();
    const first = items[0] && $<HTMLElement>('article', items[0]);
    focusQuietly(first || null);
  } catch {
    location.href = link.href;
  }
}

// ---------------------------------------------------------------------------------------------
// Personal bits on the shared page

async function personalise(): Promise<void> {
  // A page rendered for this reader (their cookie was sent) says so: its vote buttons carry aria-pressed.
  if (store(KNOWN_KEY) !== '1' || $('.comment-vote button[aria-pressed]') || !$('article.comment')) return;
  const res = await fetch(`/api/v1/articles/${slug}/me`, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
  if (!res.ok) return;
  const me = (await res.json()) as Me;
  if (!me.identity) return void store(KNOWN_KEY, null);
  const votes: Record<number, string> = {};
  for (const v of me.votes) votes[v.commentId] = v.value;
  const editable = new Set(me.editable.map((e) => e.commentId));
  const mine = new Set(me.commentIds);
  const template = $<HTMLTemplateElement>('template[data-owner-controls]');
  for (const article of Array.from(section.querySelectorAll<HTMLElement>('article.comment'))) {
    const id = Number(article.dataset.commentId);
    for (const button of Array.from(article.querySelectorAll<HTMLButtonElement>(':scope > .comment-actions .comment-vote button'))) {
      button.setAttribute('aria-pressed', String(votes[id] === button.value));
      if (mine.has(id)) button.disabled = true;
    }
    const actions = $(':scope > .comment-actions', article);
    if (!mine.has(id) || !template || !actions || $('.comment-delete', actions)) continue;
    article.classList.add('comment-mine');
    const controls = template.content.cloneNode(true) as DocumentFragment;
    const editLink = $<HTMLAnchorElement>('.comment-edit', controls);
    if (editLink) {
      if (editable.has(id)) editLink.href = `/comments/${id}/edit`;
      else editLink.remove();
    }
    const del = $<HTMLFormElement>('form', controls);
    if (del) del.action = `/comments/${id}/delete`;
    actions.append(controls);
  }
}

// ---------------------------------------------------------------------------------------------
// Live

function announce(): void {
  if (!pill || !status) return;
  const text = fill(section.dataset.newLabel || '{count}', { count: pending.size });
  pill.textContent = text;
  pill.hidden = pending.size === 0;
  status.textContent = pending.size ? text : '';
}

/** Insert the waiting comments without moving what the reader is reading. */
async function showNew(): Promise<void> {
  const ids = Array.from(pending).sort((a, b) => a - b);
  pending.clear();
  announce();
  if (!ids.length) return;
  const res = await get(fragmentUrl(`/articles/${slug}/comments/fragments`, `&ids=${ids.join(',')}`));
  if (!res.ok) return;
  const html = await res.text();
  const anchor = Array.from(section.querySelectorAll<HTMLElement>('article.comment')).find((a) => a.getBoundingClientRect().bottom > 0);
  const before = anchor ? anchor.getBoundingClientRect().top : 0;
  const placed = placeAll(html, true);
  if (anchor) window.scrollBy(0, anchor.getBoundingClientRect().top - before);
  focusQuietly(placed[0] || null);
}

/** A comment another reader posted, changed or deleted. */
async function onComment(data: { action: string; commentId: number; parentId: number | null }): Promise<void> {
  await posting;
  const present = commentEl(data.commentId);
  if (data.action === 'created') {
    if (present || (data.parentId !== null && !commentEl(data.parentId)) || (data.parentId === null && new URLSearchParams(location.search).has('thread'))) return;
    pending.add(data.commentId);
    return announce();
  }
  if (!present || $('[data-edit-form]', present)) return;
  const res = await get(fragmentUrl(`/articles/${slug}/comments/fragments`, `&ids=${data.commentId}`));
  if (!res.ok) return;
  const html = await res.text();
  if (/<article/.test(html)) placeAll(html, false);
  else if (present.parentElement) present.parentElement.remove();
}

function onVotes(data: { commentId: number; upvotes: number; downvotes: number; score: number }): void {
  const article = commentEl(data.commentId);
  const score = article && $<HTMLElement>('.comment-score', article);
  if (!score) return;
  const label = fill(section.dataset.votesLabel || '', { up: data.upvotes, down: data.downvotes });
  score.dataset.score = String(data.score);
  score.title = label;
  if (score.firstChild) score.firstChild.textContent = fill('{n}', { n: data.score });
  const words = $('.visually-hidden', score);
  if (words) words.textContent = ` (${label})`;
}

function listen(articleId: string): void {
  if (typeof EventSource === 'undefined') return;
  // The browser reconnects by itself, sending Last-Event-ID; the server replays what was missed.
  const source = new EventSource(`/events?topics=article:${articleId}`);
  const on = (name: string, handle: (data: never) => unknown) =>
    source.addEventListener(name, (e) => {
      Promise.resolve(handle(JSON.parse((e as MessageEvent<string>).data) as never)).catch(() => {});
    });
  on('comment', onComment);
  on('votes', onVotes);
  // Too much was missed to replay: show the section as it is now.
  on('reset', () => reload(location.search.slice(1).replace(/(^|&)fragment=[^&]*/, '')));
}

// ---------------------------------------------------------------------------------------------
// Wiring

function setup(root: HTMLElement): void {
  section = root;
  slug = root.dataset.slug || '';
  pending.clear();
  const invite = $('[data-invite]');
  const close = $<HTMLButtonElement>('[data-invite-close]');
  if (invite && store(INVITE_KEY) === '1') invite.remove();
  else if (invite && close) {
    close.hidden = false;
    close.addEventListener('click', () => {
      store(INVITE_KEY, '1');
      invite.remove();
      focusQuietly($('#comments-heading'));
    });
  }
  pill = doc.createElement('button');
  pill.type = 'button';
  pill.className = 'discussion-new';
  pill.hidden = true;
  pill.addEventListener('click', () => showNew().catch(() => {}));
  status = doc.createElement('p');
  status.className = 'visually-hidden';
  status.setAttribute('role', 'status');
  const list = $('ol.comment-list') || $('.discussion-empty');
  if (list) list.before(pill, status);
  else root.append(pill, status);
  personalise().catch(() => {});
}

function start(): void {
  const root = doc.getElementById('comments');
  if (!root || !root.dataset.slug) return;
  setup(root);

  doc.addEventListener('click', (e) => {
    const target = e.target instanceof Element ? e.target : null;
    const link = target && target.closest<HTMLAnchorElement>('#comments a');
    if (!link || !plain(e)) return;
    let action: (() => unknown) | null = null;
    if (link.matches('.comment-reply[data-reply-to]')) action = () => reply(link);
    else if (link.matches('.comment-form-replying a[href$="#comment-form"]')) action = cancelReply;
    else if (link.matches('.discussion-sort a[data-sort]')) action = () => sortBy(link);
    else if (link.matches('[data-load-more]')) action = () => loadMore(link);
    else if (link.matches('.comment-edit')) action = () => edit(link);
    else if (link.matches('[data-edit-cancel]')) action = () => stopEditing(link.closest('form') as HTMLElement);
    if (!action) return;
    e.preventDefault();
    Promise.resolve(action()).catch(() => {});
  });

  doc.addEventListener('submit', (e) => {
    const form = e.target as HTMLFormElement;
    if (!form.closest('#comments')) return;
    const button = (e as SubmitEvent).submitter as HTMLButtonElement | null | undefined;
    let action: (() => Promise<void>) | null = null;
    if (form.id === 'comment-form') action = () => post(form);
    else if (form.classList.contains('comment-vote') && button) action = () => vote(form, button);
    else if (form.classList.contains('comment-delete')) action = () => remove(form);
    else if (form.hasAttribute('data-edit-form')) action = () => saveEdit(form);
    if (!action) return;
    e.preventDefault();
    action().catch(() => {});
  });

  // The sort this reader chose last time, when the address asks for nothing in particular.
  const remembered = store(SORT_KEY);
  const params = new URLSearchParams(location.search);
  const particular = ['sort', 'after', 'thread', 'replyto'].some((p) => params.has(p)) || /^#comment-\d/.test(location.hash);
  if (remembered && remembered !== root.dataset.sort && !particular && /^(newest|oldest|votes|best)$/.test(remembered)) reload(`sort=${remembered}`).catch(() => {});

  listen(root.dataset.articleId || '');
}

start();
