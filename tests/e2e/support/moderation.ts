import type { Page } from 'playwright-core';
import { createUser } from '../../../src/features/accounts/create-user.js';
import type { Role } from '../../../src/db/schema/index.js';
import { createComment } from '../../../src/features/discussion/create-comment.js';
import { createGuest } from '../../../src/features/discussion/create-guest.js';
import type { RunningSite } from './server.js';

/** A staff account with a password, signed in through the sign-in form; lands on `next`. */
export async function signInAs(page: Page, site: RunningSite, role: Role, next: string): Promise<{ id: number; email: string }> {
  const email = `${role}.${Date.now()}@e2e.example.org`;
  const password = 'a long e2e passphrase';
  const user = await createUser(site.ctx, { email, password, name: `E2E ${role}`, role });
  await page.goto(`${site.url}/signin?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await Promise.all([page.waitForURL(`${site.url}${next}`), page.locator('form.auth-form button[type="submit"]').first().click()]);
  return { id: user.id, email };
}

/** Comments the pipeline holds (a suspect word each), by new guests; their ids in queue order (oldest first). */
export async function seedHeldComments(site: RunningSite, articleId: number, bodies: string[]): Promise<number[]> {
  const ids: number[] = [];
  for (const body of bodies) {
    const { guestId } = await createGuest(site.ctx);
    const { comment } = await createComment(site.ctx, { identity: { kind: 'guest', guestId }, articleId, body, name: 'Heated reader' });
    if (comment.status !== 'pending') throw new Error(`expected "${body}" to be held, it is ${comment.status}`);
    ids.push(comment.id);
  }
  return ids;
}
