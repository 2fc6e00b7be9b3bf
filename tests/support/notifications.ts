import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { AppContext } from '../../src/context.js';
import { startSession } from '../../src/features/accounts/start-session.js';
import { jobHandlers } from '../../src/jobs/handlers.js';
import { runOneJob } from '../../src/jobs/worker.js';
import type { ReceivedMail } from './smtp.js';

/** The PUBLIC_URL of notification tests: https, as List-Unsubscribe links must be. */
export const SITE = 'https://outpost.test';

let browsers = 0;

/**
 * A browser without JavaScript on SITE: a cookie jar (guest and session cookies), same-origin
 * form posts, an address of its own (rate limits).
 */
export class Browser {
  readonly cookies = new Map<string, string>();
  readonly ip: string;

  constructor(private readonly app: FastifyInstance) {
    browsers++;
    this.ip = `10.77.${(browsers >> 8) & 255}.${browsers & 255}`;
  }

  async request(method: 'GET' | 'POST', url: string, options: { form?: Record<string, string>; headers?: Record<string, string>; body?: string } = {}): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...options.headers };
    if (method === 'POST' && !('origin' in headers)) headers.origin = SITE;
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let payload = options.body;
    if (options.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      payload = new URLSearchParams(options.form).toString();
    }
    const res = await this.app.inject({ method, url: url.startsWith(SITE) ? url.slice(SITE.length) : url, headers, payload, remoteAddress: this.ip });
    for (const c of res.cookies) {
      if (c.value) this.cookies.set(c.name, c.value);
      else this.cookies.delete(c.name);
    }
    return res;
  }

  get(url: string) {
    return this.request('GET', url);
  }

  post(url: string, form: Record<string, string> = {}) {
    return this.request('POST', url, { form });
  }

  /** Post a comment through the HTML form; returns the response (303 to the comment, or to the "check your email" page). */
  comment(slug: string, fields: Record<string, string>) {
    return this.post(`/articles/${slug}/comments`, { name: 'Olena', email: '', parent_id: '', idempotency_key: '', ...fields });
  }
}

/** A browser signed in to an account (a session started as a sign-in would). */
export async function signedIn(app: FastifyInstance, ctx: AppContext, userId: number): Promise<Browser> {
  const browser = new Browser(app);
  const session = await startSession(ctx, { userId, userAgent: 'test', ip: browser.ip });
  browser.cookies.set('outpost_session', session.token);
  return browser;
}

/** Run every due job, as the worker would. Returns how many ran. */
export async function runJobs(ctx: AppContext): Promise<number> {
  let n = 0;
  while (await runOneJob(ctx, jobHandlers, { backoffMs: 60_000 })) n++;
  return n;
}

/** Every link to the site in a message's text part, in order. */
export function linksIn(mail: ReceivedMail): string[] {
  return [...mail.text.matchAll(/https:\/\/outpost\.test\/\S+/g)].map((m) => m[0]);
}

/** The one link in a message whose path starts with `prefix`. */
export function linkIn(mail: ReceivedMail, prefix: string): string {
  const link = linksIn(mail).find((l) => l.startsWith(`${SITE}${prefix}`));
  if (!link) throw new Error(`no ${prefix} link in:\n${mail.text}`);
  return link.slice(SITE.length);
}

/** The comment id in a redirect to it. */
export function commentIdOf(res: LightMyRequestResponse): number {
  const location = decodeURIComponent(String(res.headers.location ?? ''));
  const id = /#comment-(\d+)$/.exec(location)?.[1];
  if (res.statusCode !== 303 || !id) throw new Error(`posting failed: ${res.statusCode} ${location} ${res.body.slice(0, 400)}`);
  return Number(id);
}
