import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createMailer } from '../src/features/mail/mailer.js';
import { linkInMail, ORIGIN } from './support/accounts.js';

// The tests read the links out of the .eml files the app writes; a misread link fails a test
// for no fault of the app (it happened once in CI, about one link email in 1,500).
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-mail-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('reading the links in written emails (tests/support)', () => {
  it('reads a whole token when quoted-printable breaks its line just before a "--" in it', async () => {
    const mailer = createMailer({ smtpUrl: null, from: 'Outpost <news@outpost.test>', mailDir: path.join(dir, 'mail'), logger: pino({ level: 'silent' }) });
    // A token nodemailer wraps as ".../Jjz9edZateG5t_uhTZwqALM=" + newline + "--OoYI...".
    const token = 'Jjz9edZateG5t_uhTZwqALM--OoYIvSTqB4R7cOvsQM';
    const text = `Hello Rita Reader,\n\nUse this link to sign in to Outpost. It works once, within 15 minutes.\n\n${ORIGIN}/signin/link/${token}\n\n— Outpost\n`;
    const sent = await mailer.sendMail({ to: 'rita@example.org', subject: 'Sign in to Outpost', text, html: `<p>${ORIGIN}/signin/link/${token}</p>` });
    expect(fs.readFileSync(sent.file as string, 'utf8')).toMatch(/=\r?\n--OoYI/);
    expect(linkInMail(dir, 'rita@example.org', '/signin/link/')).toBe(`/signin/link/${token}`);
    mailer.close();
  });
});
