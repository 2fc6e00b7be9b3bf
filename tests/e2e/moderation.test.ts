import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/features/accounts/create-user.js';
import { saveArticle } from '../../src/features/articles/save-article.js';
import { launchBrowser, openRecordedPage, type RunningSite, startSite } from './support/browser.js';
import { accessibilityViolations, formatViolations, pageProblems } from './support/gates.js';
import { tabTo } from './support/keyboard.js';
import { seedHeldComments, signInAs } from './support/moderation.js';

let site: RunningSite;
let browser: Browser;
let articleId: number;

beforeAll(async () => {
  [site, browser] = await Promise.all([startSite({ demo: false }), launchBrowser()]);
  const author = await createUser(site.ctx, { email: 'writer@e2e.example.org', name: 'Queue Writer', role: 'author' });
  const article = await saveArticle(site.ctx, {
    title: 'Night shelling',
    standfirst: 'What happened overnight.',
    bodyMarkdown: 'Text of the report.',
    status: 'published',
    publishedAt: new Date().toISOString(),
    tags: ['News'],
    authorIds: [author.id],
  });
  articleId = article.id;
});
afterAll(async () => {
  await browser?.close();
  await site?.stop();
});

const statusOf = async (id: number | undefined) => (await site.ctx.database.db.selectFrom('comments').select('status').where("id", "=", Number(id)).executeTakeFirstOrThrow()).status;

describe('moderation queue, in Chromium', () => {
  it('a moderator clears the queue with the keyboard alone', async () => {
    const [first, second, third, fourth, fifth] = await seedHeldComments(site, articleId, [
      'Whoever ordered this is an id1ot.',
      'What a bunch of morons.',
      'Total cr-p reporting.',
      'You cretin, read the report.',
      'Scum, the lot of them.',
    ]);
    const recorded = await openRecordedPage(browser, site.url);
    const { page } = recorded;
    try {
      await signInAs(page, site, 'moderator', '/admin/moderation');
      // The queue passes axe, and documents its shortcuts.
      const violations = await accessibilityViolations(page);
      expect(violations.map((v) => v.id), formatViolations(violations)).toEqual([]);
      await page.getByText('Keyboard shortcuts').click();
      await expect.poll(() => page.locator('.moderation-keys kbd').allTextContents()).toEqual(['j', 'k', 'a', 'r', 's', 'd', 'x', 'b']);

      // The first comment is highlighted; j and k move, and the highlighted one takes the focus.
      await expect.poll(() => page.locator('.moderation-item.is-current').getAttribute('data-id')).toBe(String(first));
      await page.keyboard.press('j');
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-id'))).toBe(String(second));
      await page.keyboard.press('k');
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-id'))).toBe(String(first));

      // Typing in a field is typing, not a shortcut.
      await page.getByLabel('Note to the author (optional)').fill('');
      await page.getByLabel('Note to the author (optional)').pressSequentially('a r s d');
      expect(page.url()).toBe(`${site.url}/admin/moderation`);
      await page.getByLabel('Note to the author (optional)').fill('');
      await page.locator(`#item-${first}`).focus();

      // a approves the highlighted comment; the page comes back with the next one highlighted.
      await Promise.all([page.waitForURL(/done=approve&n=1/), page.keyboard.press('a')]);
      await expect.poll(() => page.locator('.moderation-item.is-current').getAttribute('data-id')).toBe(String(second));
      expect(await page.getByRole('status').first().textContent()).toContain('1 comment approved.');
      // r rejects, s marks as spam, d deletes.
      await Promise.all([page.waitForURL(/done=reject&n=1/), page.keyboard.press('r')]);
      await Promise.all([page.waitForURL(/done=spam&n=1/), page.keyboard.press('s')]);
      await Promise.all([page.waitForURL(/done=delete&n=1/), page.keyboard.press('d')]);
      // x selects; the bulk action approves what is selected.
      await expect.poll(() => page.locator('.moderation-item.is-current').getAttribute('data-id')).toBe(String(fifth));
      await page.keyboard.press('x');
      expect(await page.locator(`#item-${fifth} input[data-select]`).isChecked()).toBe(true);
      // b goes to the bulk action; the arrow keys choose, Tab goes on to the button, Enter applies.
      await page.keyboard.press('b');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('m-bulk');
      await page.keyboard.press('ArrowDown');
      expect(await page.locator('#m-bulk').inputValue()).toBe('approve');
      await tabTo(page, (f) => f.tag === 'button' && f.name === 'Apply to selected', { max: 1, what: '"Apply to selected"' });
      await Promise.all([page.waitForURL(/done=approve&n=1/), page.keyboard.press('Enter')]);

      await page.getByText('Nothing here: this queue is clear.').waitFor();
      expect(await page.locator('.moderation-tabs a[aria-current="page"]').textContent()).toBe('Pending (0)');
      expect(await statusOf(first)).toBe('published');
      expect(await statusOf(second)).toBe('rejected');
      expect(await statusOf(third)).toBe('spam');
      expect(await statusOf(fourth)).toBe('deleted');
      expect(await statusOf(fifth)).toBe('published');
      expect(pageProblems(recorded)).toEqual([]);
    } finally {
      await recorded.close();
    }
  });
});
