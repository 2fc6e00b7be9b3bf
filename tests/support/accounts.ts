import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { AppContext } from '../../src/context.js';
import { createUser } from '../../src/features/accounts/create-user.js';
import type { Role } from '../../src/db/schema/index.js';

export const ORIGIN = 'http://outpost.test';
export const PASSWORD = 'correct horse battery staple';

let counter = 0;
let ipCounter = 0;

/** A client address of its own, so one test's sign-in attempts never eat another's rate limit. */
export function freshIp(): string {
  ipCounter++;
  return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
}

/** An account with a password (staff) or without one (readers). */
export async function makeUser(ctx: AppContext, role: Role, options: { password?: string | null; name?: string } = {}) {
  const n = ++counter;
  const password = options.password === undefined ? (role === 'member' ? undefined : PASSWORD) : (options.password ?? undefined);
  // Tests build any set of accounts, a second owner too (the product refuses one: createUser).
  const user = await createUser(ctx, { email: `${role}.${n}@accounts.example.org`, name: options.name ?? `${role} ${n}`, role, password }, { allowSecondOwner: true });
  return { ...user, name: options.name ?? `${role} ${n}` };
}

/** The value of the `outpost_session` cookie a response sets ('' when it clears it), or null. */
export function sessionCookieFrom(res: LightMyRequestResponse): string | null {
  const cookie = res.cookies.find((c) => c.name === 'outpost_session');
  return cookie ? cookie.value : null;
}

export function setCookieHeader(res: LightMyRequestResponse): string {
  const raw = res.headers['set-cookie'];
  return (Array.isArray(raw) ? raw : raw ? [raw] : []).find((c) => c.startsWith('outpost_session=')) ?? '';
}

/** A browser-like form POST from our own origin. */
export function postForm(app: FastifyInstance, url: string, form: Record<string, string>, options: { cookie?: string | null; ip?: string; headers?: Record<string, string> } = {}) {
  return app.inject({
    method: 'POST',
    url,
    remoteAddress: options.ip ?? '127.0.0.1',
    headers: {
      origin: ORIGIN,
      'content-type': 'application/x-www-form-urlencoded',
      ...(options.cookie ? { cookie: `outpost_session=${options.cookie}` } : {}),
      ...options.headers,
    },
    payload: new URLSearchParams(form).toString(),
  });
}

export function getPage(app: FastifyInstance, url: string, cookie?: string | null, headers: Record<string, string> = {}) {
  return app.inject({ method: 'GET', url, headers: { ...(cookie ? { cookie: `outpost_session=${cookie}` } : {}), ...headers } });
}

/** Sign in with a password; returns the session cookie's value. */
export async function signIn(app: FastifyInstance, email: string, password = PASSWORD): Promise<string> {
  const res = await postForm(app, '/signin', { email, password }, { ip: freshIp() });
  const cookie = sessionCookieFrom(res);
  if (res.statusCode !== 303 || !cookie) throw new Error(`sign-in failed for ${email}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  return cookie;
}

/** The CSRF token in a page's forms. */
export function csrfFrom(html: string): string {
  const match = html.match(/name="_csrf" value="([^"]+)"/);
  if (!match?.[1]) throw new Error('no CSRF token in the page');
  return match[1];
}

export async function csrfFor(app: FastifyInstance, cookie: string): Promise<string> {
  return csrfFrom((await getPage(app, '/account', cookie)).body);
}

export interface Mail {
  file: string;
  to: string;
  subject: string;
  text: string;
}

/** Decode a quoted-printable body. */
function decodeQuotedPrintable(body: string): string {
  const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** Every email written to DATA_DIR/mail, oldest first: recipient, subject and the plain-text part. */
export function readMails(dataDir: string): Mail[] {
  const dir = path.join(dataDir, 'mail');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .sort()
    .map((name) => {
      const file = path.join(dir, name);
      const raw = fs.readFileSync(file, 'utf8').replace(/\r\n/g, '\n');
      const header = (key: string) => raw.match(new RegExp(`^${key}: (.*)$`, 'mi'))?.[1]?.trim() ?? '';
      // The text/plain part: its headers, a blank line, then the body up to the next boundary —
      // the message's own boundary, not any line starting with "--": quoted-printable may break a
      // long line just before a "--" inside a link's token.
      const boundaries = [...raw.matchAll(/boundary="?([^";\s]+)"?/gi)].map((m) => (m[1] ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      const end = boundaries.length ? `(?:\\n--(?:${boundaries.join('|')})|$)` : '$';
      const part = raw.match(new RegExp(`Content-Type: text\\/plain[^\\n]*\\n((?:[^\\n]+\\n)*)\\n([\\s\\S]*?)${end}`));
      const encoding = part?.[1]?.match(/Content-Transfer-Encoding: (\S+)/i)?.[1]?.toLowerCase();
      const body = part?.[2] ?? '';
      const text = encoding === 'quoted-printable' ? decodeQuotedPrintable(body) : encoding === 'base64' ? Buffer.from(body, 'base64').toString('utf8') : body;
      return { file, to: header('To'), subject: header('Subject'), text };
    });
}

/** The path (and query) of the first link to PUBLIC_URL + `prefix` in the newest email to `to`. */
export function linkInMail(dataDir: string, to: string, prefix: string): string {
  const mail = readMails(dataDir)
    .filter((m) => m.to.includes(to))
    .pop();
  if (!mail) throw new Error(`no email to ${to}`);
  const match = mail.text.match(new RegExp(`${ORIGIN.replace(/\./g, '\\.')}(${prefix}[A-Za-z0-9_-]+(?:\\?\\S*)?)`));
  if (!match?.[1]) throw new Error(`no ${prefix} link in the email to ${to}:\n${mail.text}`);
  return match[1];
}
