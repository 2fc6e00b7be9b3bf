import type { Page } from 'playwright-core';

/**
 * Select `text` (inside one text node under `scope`) with the mouse, as a reader does: press
 * before its first character, drag to after its last, release.
 */
export async function selectWithMouse(page: Page, scope: string, text: string): Promise<void> {
  await page.evaluate(
    ({ scope, text }) => {
      const root = document.querySelector(scope);
      const walker = root && document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker?.nextNode(); node; node = walker?.nextNode()) {
        if ((node as Text).data.includes(text))
          return (node.parentElement as HTMLElement).scrollIntoView({
            block: 'center',
          });
      }
      throw new Error(`"${text}" is not in one text node of ${scope}`);
    },
    { scope, text },
  );
  const points = await page.evaluate(
    ({ scope, text }) => {
      const root = document.querySelector(scope) as Element;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
        const at = node.data.indexOf(text);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 1);
        const first = range.getBoundingClientRect();
        range.setStart(node, at + text.length - 1);
        range.setEnd(node, at + text.length);
        const last = range.getBoundingClientRect();
        return {
          x1: first.left + 1,
          y1: first.top + first.height / 2,
          x2: last.right - 1,
          y2: last.top + last.height / 2,
        };
      }
      return null;
    },
    { scope, text },
  );
  if (!points) throw new Error(`"${text}" not found`);
  await page.mouse.move(points.x1, points.y1);
  await page.mouse.down();
  await page.mouse.move(points.x2, points.y2, { steps: 8 });
  await page.mouse.up();
}

/** The article body's text model as the page's own script computes it from the DOM. */
export async function clientBodyText(page: Page): Promise<string> {
  // A string, so that the test runner leaves the dynamic import() as it is.
  return page.evaluate(`(async () => {
    const script = document.querySelector('script[src*="/assets/feedback."]');
    if (!script) throw new Error('no feedback script on the page');
    const module = await import(script.src);
    return module.bodyText(document.querySelector('.article-body')).model.text;
  })()`);
}

/** What the highlights of the page cover, per passage id (marks joined in document order). */
export async function highlightedText(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const out: Record<string, string> = {};
    for (const mark of document.querySelectorAll<HTMLElement>('.article-body mark.passage')) {
      for (const id of (mark.dataset.passage ?? '').split(' ')) out[id] = (out[id] ?? '') + mark.textContent;
    }
    return out;
  });
}
