import type { Page } from 'playwright-core';

/** What has the keyboard focus, as a person would describe it. */
export interface Focused {
  tag: string;
  id: string;
  /** aria-label, else the label(s) of a form field, else the text, else the value. */
  name: string;
  href: string | null;
  type: string | null;
  /** The name attribute of a form field, and its value. */
  inputName: string | null;
  value: string | null;
}

/** The focused element, or null when nothing (the body) has the focus. */
export function focused(page: Page): Promise<Focused | null> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return null;
    const labels = 'labels' in el && el.labels ? [...(el.labels as NodeListOf<HTMLLabelElement>)].map((l) => l.textContent ?? '').join(' ') : '';
    const name = el.getAttribute('aria-label') || labels || el.textContent || el.getAttribute('value') || '';
    const field = el as HTMLInputElement;
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id,
      name: name.replace(/\s+/g, ' ').trim(),
      href: el.getAttribute('href'),
      type: el.getAttribute('type'),
      inputName: el.getAttribute('name'),
      value: 'value' in field ? String(field.value) : null,
    };
  });
}

const describe = (f: Focused | null) => (f ? `${f.tag}${f.id ? `#${f.id}` : ''} "${f.name.slice(0, 60)}"${f.href ? ` → ${f.href}` : ''}` : '(nothing)');

/**
 * Press Tab (or Shift+Tab) until the focused element matches, as a keyboard-only reader would; throws
 * with every stop on the way when it is not reached within `max` presses.
 */
export async function tabTo(page: Page, matches: (f: Focused) => boolean, options: { max?: number; backwards?: boolean; what?: string } = {}): Promise<Focused> {
  const stops: string[] = [];
  for (let i = 0; i < (options.max ?? 250); i++) {
    await page.keyboard.press(options.backwards ? 'Shift+Tab' : 'Tab');
    const now = await focused(page);
    stops.push(describe(now));
    if (now && matches(now)) return now;
  }
  throw new Error(`Tab never reached ${options.what ?? 'the target'}; the focus went:\n  ${stops.join('\n  ')}`);
}

/** Type as a keyboard does, one key at a time (fires key events, unlike fill()). */
export async function typeText(page: Page, text: string): Promise<void> {
  await page.keyboard.type(text, { delay: 0 });
}
