/**
 * Keyboard shortcuts for the moderation queue (/admin/moderation), documented on the page:
 * j / k next / previous comment, a approve, r reject, s mark as spam, d delete, x select,
 * b go to the action for the selected comments (then Tab to "Apply to selected").
 * An action presses the highlighted comment's own button, so it posts the same form a click does
 * (with the reason and note above); without this script every button still works.
 */
const items = (): HTMLElement[] => [...document.querySelectorAll<HTMLElement>('.moderation-item')];
let current = 0;

function highlight(index: number, focus: boolean): void {
  const list = items();
  if (!list.length) return;
  current = Math.max(0, Math.min(list.length - 1, index));
  list.forEach((item, i) => item.classList.toggle('is-current', i === current));
  const item = list[current];
  if (focus && item) {
    item.focus();
    item.scrollIntoView({ block: 'nearest' });
  }
}

function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

function onKey(event: KeyboardEvent): void {
  if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) return;
  const item = items()[current];
  const key = event.key.toLowerCase();
  if (key === 'j' || key === 'k') {
    event.preventDefault();
    highlight(current + (key === 'j' ? 1 : -1), true);
    return;
  }
  if (key === 'b') {
    const bulk = document.getElementById('m-bulk');
    if (bulk) {
      event.preventDefault();
      bulk.focus();
      bulk.scrollIntoView({ block: 'nearest' });
    }
    return;
  }
  if (!item) return;
  if (key === 'x') {
    const box = item.querySelector<HTMLInputElement>('input[data-select]');
    if (box) {
      event.preventDefault();
      box.checked = !box.checked;
    }
    return;
  }
  const button = item.querySelector<HTMLButtonElement>(`button[data-key="${key}"]`);
  if (button) {
    event.preventDefault();
    button.click();
  }
}

if (document.querySelector('[data-moderation-queue]')) {
  highlight(0, false);
  // A click or focus inside a comment makes it the current one.
  document.addEventListener('focusin', (event) => {
    const item = event.target instanceof Element ? event.target.closest<HTMLElement>('.moderation-item') : null;
    if (item) highlight(items().indexOf(item), false);
  });
  document.addEventListener('keydown', onKey);
}
