import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/features/accounts/create-user.js';
import { type ArticleInput, saveArticle } from '../../src/features/articles/save-article.js';
import { articleText } from '../../src/features/feedback/html-text.js';
import { launchBrowser, openRecordedPage, type RecordedPage, type RunningSite, startSite } from './support/browser.js';
import { clientBodyText, highlightedText, selectWithMouse } from './support/feedback.js';
import { tabTo } from './support/keyboard.js';
import {
  accessibilityViolations,
  formatHtmlMessages,
  formatViolations,
  type HtmlDocument,
  invalidDocuments,
  pageProblems,
  validateHtml,
  visit,
} from './support/gates.js';

let site: RunningSite;
let browser: Browser;
let input: ArticleInput;
let articleId: number;
const served: HtmlDocument[] = [];

const paragraphs = {
  council: 'The council met on Tuesday to discuss the *old bridge*, which has carried traffic since 1911.',
  repairs: 'Engineers say the eastern span needs six weeks of repairs before it can carry buses again.',
  ferry: 'The ferry will run every twenty minutes while [the bridge](https://example.org/bridge) is closed.',
  path: 'Residents asked for {{feedback "Should the footpath stay open?"}}a footpath to stay open during the works{{/feedback}}.',
};

beforeAll(async () => {
  [site, browser] = await Promise.all([startSite({ demo: true }), launchBrowser()]);
  const author = await createUser(site.ctx, {
    email: 'feedback-author@example.org',
    name: 'Mira Castell',
    role: 'author',
  });
  input = {
    title: 'The old bridge closes for repairs',
    slug: 'old-bridge-closes',
    standfirst: 'Six weeks without the bridge.',
    bodyMarkdown: [paragraphs.council, paragraphs.repairs, paragraphs.ferry, paragraphs.path].join('\n\n'),
    status: 'published',
    publishedAt: site.ctx.clock.now().toISOString(),
    authorIds: [author.id],
    tags: ['City'],
  };
  articleId = (await saveArticle(site.ctx, input)).id;
});

afterAll(async () => {
  await browser?.close();
  await site?.stop();
});

async function withPage<T>(fn: (recorded: RecordedPage) => Promise<T>): Promise<T> {
  const recorded = await openRecordedPage(browser, site.url);
  try {
    return await fn(recorded);
  } finally {
    await recorded.close();
  }
}

describe('inline feedback, in Chromium', () => {
  it('computes the same text model in the browser as the server, on every article', async () => {
    const rows = await site.ctx.database.db.selectFrom('articles').select(['slug', 'body_html']).where('status', '=', 'published').execute();
    expect(rows.length).toBeGreaterThan(3);
    await withPage(async ({ page }) => {
      for (const row of rows) {
        await page.goto(`${site.url}/articles/${row.slug}`);
        expect(await clientBodyText(page), row.slug).toBe(articleText(row.body_html));
      }
    });
  });

  it('select text → "Comment on this passage" → post → the passage is highlighted with its count', async () => {
    await withPage(async (recorded) => {
      const { page } = recorded;
      await visit(recorded, `${site.url}/articles/old-bridge-closes`);
      await selectWithMouse(page, '.article-body', 'six weeks of repairs');
      const button = page.getByRole('button', {
        name: 'Comment on this passage',
        exact: true,
      });
      await button.waitFor();
      await button.click();
      // The form, with the passage quoted above it, and the focus in the comment field.
      const quote = page.locator('#comment-passage blockquote');
      await quote.waitFor();
      expect(await quote.textContent()).toBe('six weeks of repairs');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('comment-body');
      await page.keyboard.type('Six weeks is optimistic: the last repair took four months.');
      await page.getByLabel('Name', { exact: true }).fill('Olena');
      await Promise.all([page.waitForURL(/#comment-\d+$/), page.getByRole('button', { name: 'Post Comment' }).click()]);
      await page.waitForLoadState('load');
      const marks = await highlightedText(page);
      expect(Object.values(marks)).toEqual(['six weeks of repairs']);
      const count = page.getByRole('button', {
        name: '1 comment on this passage',
      });
      expect(await count.count()).toBe(1);
      // Screen readers hear where the highlight starts (and the count after it, where it ends).
      const snapshot = await page.locator('.article-body').ariaSnapshot();
      expect(snapshot).toMatch(/Passage with 1 comment:"?\s*- mark: six weeks of repairs\s*- button "1 comment on this passage"/);
      // Posted by the form itself, the passage comment still carried an idempotency key.
      const stored = await site.ctx.database.db.selectFrom('comments').select('idempotency_key').where('body_md', 'like', 'Six weeks is optimistic%').executeTakeFirstOrThrow();
      expect(stored.idempotency_key).toMatch(/^[A-Za-z0-9._:-]{8,100}$/);
      expect(pageProblems(recorded)).toEqual([]);
      served.push({
        name: 'article with a highlight',
        html: await (await page.request.get(`${site.url}/articles/old-bridge-closes`)).text(),
      });

      // The count opens the passage's comments in place; Escape closes them and the focus returns.
      await count.click();
      const pop = page.locator('.passage-pop');
      await pop.waitFor();
      expect(await pop.textContent()).toContain('the last repair took four months');
      expect(await count.getAttribute('aria-expanded')).toBe('true');
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H2');
      const violations = await accessibilityViolations(page);
      expect(
        violations.map((v) => v.id),
        formatViolations(violations),
      ).toEqual([]);
      await page.keyboard.press('Escape');
      await pop.waitFor({ state: 'detached' });
      expect(await count.getAttribute('aria-expanded')).toBe('false');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-passage'))).not.toBeNull();
    });
  });

  it('edit the article → reload → the highlight follows the passage', async () => {
    await saveArticle(
      site.ctx,
      {
        ...input,
        bodyMarkdown: [
          'Update, Friday: the works start on Monday.',
          paragraphs.council,
          paragraphs.ferry,
          paragraphs.repairs.replace('six weeks of repairs', 'six weeks of *urgent* repairs'),
          paragraphs.path,
        ].join('\n\n'),
      },
      articleId,
    );
    await withPage(async (recorded) => {
      const { page } = recorded;
      await visit(recorded, `${site.url}/articles/old-bridge-closes`);
      expect(Object.values(await highlightedText(page))).toEqual(['six weeks of urgent repairs']);
      // Across the <em>: several marks, one passage.
      expect(await page.locator('.article-body em mark.passage').textContent()).toBe('urgent');
      expect(await page.getByRole('button', { name: '1 comment on this passage' }).count()).toBe(1);
      expect(pageProblems(recorded)).toEqual([]);
    });
  });

  it('comments on a whole paragraph with the keyboard; "Remove the quote" puts the focus back', async () => {
    await withPage(async (recorded) => {
      const { page } = recorded;
      await visit(recorded, `${site.url}/articles/old-bridge-closes`);
      const link = page.locator('.article-body a.para-comment').nth(1);
      await link.focus();
      expect(await link.isVisible()).toBe(true);
      expect(await link.getAttribute('role')).toBe('button');
      await page.keyboard.press('Enter');
      const quote = page.locator('#comment-passage blockquote');
      await quote.waitFor();
      expect(await quote.textContent()).toBe('The council met on Tuesday to discuss the old bridge, which has carried traffic since 1911.');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('comment-body');
      await page.locator('[data-passage-cancel]').focus();
      await page.keyboard.press('Enter');
      await quote.waitFor({ state: 'hidden' });
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-p'))).toBe('1');
      expect(await page.locator('input[name="passage_exact"]').inputValue()).toBe('');
      // The author's question opens the form on its passage, with the question.
      await page.locator('a.feedback-ask').click();
      await quote.waitFor();
      expect(await quote.textContent()).toBe('a footpath to stay open during the works');
      expect(await page.locator('[data-passage-question]').textContent()).toBe('Should the footpath stay open?');
      expect(pageProblems(recorded)).toEqual([]);
    });
  });

  it('without JavaScript, the paragraph link and the count lead to working pages', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await page.goto(`${site.url}/articles/old-bridge-closes`);
      // The link shows when the pointer is over its paragraph.
      await page.locator('.article-body > p').nth(2).hover();
      await Promise.all([page.waitForURL(/\/feedback\?p=2$/), page.locator('.article-body a.para-comment').nth(2).click()]);
      served.push({ name: 'feedback page', html: await page.content() });
      expect(await page.locator('blockquote').first().textContent()).toBe('The ferry will run every twenty minutes while the bridge is closed.');
      await page.getByLabel('Comment', { exact: true }).fill('Twenty minutes is fine.');
      await page.getByLabel('Name', { exact: true }).fill('Ivo');
      await Promise.all([page.waitForURL(/\/articles\/old-bridge-closes.*#comment-\d+$/), page.getByRole('button', { name: 'Post Comment' }).click()]);
      expect(await page.locator('mark.passage').count()).toBeGreaterThanOrEqual(2);
      await Promise.all([page.waitForURL(/\/passages\/\d+$/), page.getByRole('link', { name: '1 comment on this passage' }).first().click()]);
      expect(await page.locator('h1').textContent()).toBe('Comments on a passage');
      served.push({
        name: 'passage page',
        html: await (await page.request.get(page.url())).text(),
      });
      const tab = await page.request.get(`${site.url}/articles/old-bridge-closes?sort=newest&tab=feedback`);
      served.push({ name: 'inline feedbacks tab', html: await tab.text() });
    } finally {
      await context.close();
    }
  });

  it('selects a passage from the keyboard: caret, Shift+Arrow, Tab to the button, Enter', async () => {
    // Chromium selects static text from the keyboard with caret browsing on (F7), as a keyboard-only reader has it.
    const caretBrowser = await launchBrowser(['--enable-caret-browsing']);
    const recorded = await openRecordedPage(caretBrowser, site.url);
    try {
      const { page } = recorded;
      await visit(recorded, `${site.url}/articles/old-bridge-closes`);
      // The caret before "The council": a click there (a script's selection would not move where Tab starts from).
      const start = await page.evaluate(() => {
        const p = [...document.querySelectorAll('.article-body > p')].find((el) => el.textContent?.startsWith('The council met'));
        const text = p?.firstChild;
        if (!text || text.nodeType !== 3) throw new Error('no paragraph "The council met…"');
        p.scrollIntoView({ block: 'center' });
        const range = document.createRange();
        range.setStart(text, 0);
        range.setEnd(text, 1);
        const box = range.getBoundingClientRect();
        return { x: box.left + 1, y: box.top + box.height / 2 };
      });
      await page.mouse.click(start.x, start.y);
      expect(await page.evaluate(() => document.getSelection()?.type)).toBe('Caret');
      for (let i = 0; i < 'The council'.length; i++) await page.keyboard.press('Shift+ArrowRight');
      expect(await page.evaluate(() => document.getSelection()?.toString())).toBe('The council');
      const button = page.getByRole('button', { name: 'Comment on this passage', exact: true });
      await button.waitFor();
      // Next in the Tab order after the selection (though the click put the focus on <main>, which holds it).
      await tabTo(page, (f) => f.tag === 'button' && f.name === 'Comment on this passage', { max: 1, what: 'the "Comment on this passage" button' });
      expect(await page.evaluate(() => document.getSelection()?.toString())).toBe('The council');
      await page.keyboard.press('Enter');
      const quote = page.locator('#comment-passage blockquote');
      await quote.waitFor();
      expect(await quote.textContent()).toBe('The council');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('comment-body');
      expect(await page.locator('input[name="passage_exact"]').inputValue()).toBe('The council');
      expect(pageProblems(recorded)).toEqual([]);
    } finally {
      await recorded.close();
      await caretBrowser.close();
    }
  });

  it('on a phone (touch), a selection shows the button, and a tap on it opens the form with the passage', async () => {
    const context = await browser.newContext({ hasTouch: true, isMobile: true, viewport: { width: 375, height: 740 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await page.goto(`${site.url}/articles/old-bridge-closes`);
      // A long press selects a word and the handles extend it; what the page sees is the selection.
      await page.evaluate(() => {
        const p = [...document.querySelectorAll('.article-body > p')].find((el) => el.textContent?.startsWith('Residents asked'));
        const text = p?.firstChild as Text | null;
        if (!text || text.nodeType !== 3 || !text.data.startsWith('Residents asked')) throw new Error('no paragraph "Residents asked…"');
        p?.scrollIntoView({ block: 'center' });
        document.getSelection()?.setBaseAndExtent(text, 0, text, 'Residents asked'.length);
      });
      const button = page.getByRole('button', { name: 'Comment on this passage', exact: true });
      await button.waitFor();
      // Beside the selection, and on the screen.
      const box = await button.boundingBox();
      expect(box).not.toBeNull();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(375);
      await button.tap();
      const quote = page.locator('#comment-passage blockquote');
      await quote.waitFor();
      expect(await quote.textContent()).toBe('Residents asked');
      expect(await page.locator('input[name="passage_exact"]').inputValue()).toBe('Residents asked');
      expect(await button.isHidden()).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  // The passages with comments come from the tests above.
  it('a passage count sits in the margin beside the text on a wide screen, inline on a phone', async () => {
    await withPage(async (recorded) => {
      const { page } = recorded;
      const geometry = async () => {
        await page.goto(`${site.url}/articles/old-bridge-closes`);
        const paragraph = page.locator('.article-body > p').filter({ has: page.locator('a.passage-count') }).first();
        const count = paragraph.locator('a.passage-count').first();
        await count.waitFor();
        const [c, p] = await Promise.all([count.boundingBox(), paragraph.boundingBox()]);
        if (!c || !p) throw new Error('the count or its paragraph is not rendered');
        return { c, p };
      };

      await page.setViewportSize({ width: 1280, height: 800 });
      const wide = await geometry();
      const wideMsg = JSON.stringify(wide);
      // Beside the paragraph (in the margin, on the screen), not over its text; level with it.
      const beside = wide.c.x >= wide.p.x + wide.p.width || wide.c.x + wide.c.width <= wide.p.x;
      expect(beside, wideMsg).toBe(true);
      expect(wide.c.x, wideMsg).toBeGreaterThanOrEqual(0);
      expect(wide.c.x + wide.c.width, wideMsg).toBeLessThanOrEqual(1280);
      expect(wide.c.y, wideMsg).toBeGreaterThanOrEqual(wide.p.y);
      expect(wide.c.y + wide.c.height, wideMsg).toBeLessThanOrEqual(wide.p.y + wide.p.height + 1);

      await page.setViewportSize({ width: 375, height: 740 });
      const narrow = await geometry();
      const narrowMsg = JSON.stringify(narrow);
      // Inline: inside the paragraph's box.
      expect(narrow.c.x, narrowMsg).toBeGreaterThanOrEqual(narrow.p.x);
      expect(narrow.c.x + narrow.c.width, narrowMsg).toBeLessThanOrEqual(narrow.p.x + narrow.p.width + 0.5);
      expect(narrow.c.y, narrowMsg).toBeGreaterThanOrEqual(narrow.p.y);
      expect(narrow.c.y + narrow.c.height, narrowMsg).toBeLessThanOrEqual(narrow.p.y + narrow.p.height + 1);
      expect(narrow.p.x + narrow.p.width, narrowMsg).toBeLessThanOrEqual(375);
      expect(pageProblems(recorded)).toEqual([]);
    });
  });

  it('the pages with feedback are valid HTML', async () => {
    const report = await validateHtml(served.filter((d) => d.html));
    const invalid = invalidDocuments(report);
    expect(Object.keys(invalid), formatHtmlMessages(invalid)).toEqual([]);
  });
});
