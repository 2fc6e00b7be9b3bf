import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueSetupLink } from '../../src/features/accounts/set-up-owner.js';
import { launchBrowser, openRecordedPage, type RunningSite, startSite } from './support/browser.js';

let site: RunningSite;
let browser: Browser;

beforeAll(async () => {
  [site, browser] = await Promise.all([startSite({ demo: true }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await site?.stop();
});

describe('accounts and the admin dashboard, in Chromium', () => {
  it('sets up the owner from the first-run link, shows the dashboard charts, signs out and back in', async () => {
    // A demo site has authors but no owner, so it can issue a setup link (serve prints one).
    const setupUrl = await issueSetupLink(site.ctx);
    expect(setupUrl).toMatch(/\/setup\/[A-Za-z0-9_-]{43}$/);
    const recorded = await openRecordedPage(browser, site.url);
    const { page } = recorded;
    try {
      await page.goto(setupUrl ?? '');
      await page.getByLabel('Name').fill('Olive Owner');
      await page.getByLabel('Email').fill('olive@example.org');
      await page.getByLabel('Password').fill('a long owner passphrase');
      await Promise.all([page.waitForURL(`${site.url}/admin`), page.getByRole('button', { name: 'Create the owner account' }).click()]);

      // The dashboard's charts: named images (a bar per day of comments; the demo campaign's money
      // per day against its goal line), each with the same numbers as a table.
      const chart = page.getByRole('img', { name: 'Comments per day, last 30 days' });
      await chart.waitFor();
      expect(await chart.locator('rect').count()).toBe(30);
      const box = await chart.boundingBox();
      expect(box?.width).toBeGreaterThan(200);
      expect(await page.locator('#chart-comments table.visually-hidden tbody tr').count()).toBe(30);
      const money = page.getByRole('img', { name: /^Money raised against the goal, / });
      expect(await money.locator('path').count()).toBe(1);
      expect(await money.locator('.chart-goal text').textContent()).toMatch(/^Goal: /);
      expect((await money.boundingBox())?.width).toBeGreaterThan(200);
      expect(await page.locator('#chart-money table.visually-hidden tbody tr').count()).toBe(await money.locator('circle').count());
      expect(await page.locator('.stat', { hasText: 'Awaiting moderation' }).getByRole('link').getAttribute('href')).toBe('/admin/moderation');
      expect(await page.getByRole('navigation', { name: 'Admin' }).getByRole('link').allTextContents()).toContain('Dashboard');

      // Sign out from the admin bar, then sign in with the labelled fields.
      await Promise.all([page.waitForURL(`${site.url}/`), page.locator('.admin-bar').getByRole('button', { name: 'Sign out' }).click()]);
      await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Sign in' }).click();
      await page.getByLabel('Email').fill('olive@example.org');
      await page.getByLabel('Password').fill('a long owner passphrase');
      await Promise.all([page.waitForURL(`${site.url}/admin`), page.getByRole('button', { name: 'Sign in', exact: true }).click()]);
      // The public pages now show who is signed in.
      await page.goto(`${site.url}/`);
      expect(await page.getByRole('navigation', { name: 'Account' }).textContent()).toContain('Olive Owner');
      expect(recorded.consoleErrors).toEqual([]);
    } finally {
      await recorded.close();
    }
  });
});
