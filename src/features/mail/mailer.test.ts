import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createMailer, smtpTransportOptions } from './mailer.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('mailer without SMTP_URL', () => {
  it('writes each message as an .eml file in the mail folder and says where', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-mail-'));
    dirs.push(dir);
    const mailer = createMailer({ smtpUrl: null, from: 'Outpost <no-reply@outpost.test>', mailDir: path.join(dir, 'mail'), logger: pino({ level: 'silent' }) });
    const sent = await mailer.sendMail({ to: 'ada@example.org', subject: 'Hello', text: 'Plain words.', html: '<p>Plain words.</p>', headers: { 'X-Outpost': 'yes' } });
    expect(sent.file && path.dirname(sent.file)).toBe(path.join(dir, 'mail'));
    const raw = fs.readFileSync(sent.file ?? '', 'utf8');
    expect(raw).toContain('From: Outpost <no-reply@outpost.test>');
    expect(raw).toContain('To: ada@example.org');
    expect(raw).toContain('Subject: Hello');
    expect(raw).toContain('X-Outpost: yes');
    expect(raw).toContain('Plain words.');
    expect(raw).toContain('<p>Plain words.</p>');
    expect(sent.messageId).toMatch(/^<.+@outpost\.test>$/);
    await mailer.sendMail({ to: 'bob@example.org', subject: 'Second', text: 'Again.' });
    expect(fs.readdirSync(path.join(dir, 'mail')).filter((f) => f.endsWith('.eml'))).toHaveLength(2);
    mailer.close();
  });
});

describe('SMTP transport options', () => {
  it('gives up on a stalled server within a minute (well inside the 5-minute job lease), unless SMTP_URL says otherwise', () => {
    const options = smtpTransportOptions('smtp://user:pa%3Ass@mail.example.org:587') as Record<string, unknown>;
    expect(options).toMatchObject({ host: 'mail.example.org', port: 587, pool: true, auth: { user: 'user', pass: 'pa:ss' }, connectionTimeout: 60_000, greetingTimeout: 60_000, socketTimeout: 60_000 });
    expect(smtpTransportOptions('smtp://mail.example.org?socketTimeout=5000')).toMatchObject({ socketTimeout: 5000, greetingTimeout: 60_000 });
  });
});
