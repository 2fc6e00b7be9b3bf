import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';
import type nodemailerModule from 'nodemailer';
import type { Logger } from 'pino';

/** One email. `text` is always sent; `html` is its richer twin when given. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
  /** `<local@host>`; set it to keep the same Message-ID when a send is retried. */
  messageId?: string;
}

export interface SentMail {
  messageId: string;
  /** The .eml file written when no SMTP server is configured. */
  file?: string;
}

/**
 * Sends email. With SMTP_URL it talks to that server; without it, every message is written as an
 * .eml file to DATA_DIR/mail (open it with any mail client), so a fresh install needs nothing.
 * Kept small on purpose: the notifications outbox builds on `sendMail`.
 */
export interface Mailer {
  sendMail(message: MailMessage): Promise<SentMail>;
  close(): void;
}

export interface MailerOptions {
  smtpUrl: string | null;
  from: string;
  /** Folder for .eml files when smtpUrl is null. */
  mailDir: string;
  logger: Logger;
}

/** nodemailer is loaded, and a transport made, when the first message is sent: not at start-up. */
function lazyTransport<T extends { close(): void }>(make: (mailer: typeof nodemailerModule) => T) {
  let transport: T | null = null;
  return {
    get: () => (transport ??= make(createRequire(import.meta.url)('nodemailer') as typeof nodemailerModule)),
    close: () => transport?.close(),
  };
}

/** Milliseconds; see smtpTransportOptions. */
export const SMTP_TIMEOUTS = { connectionTimeout: 60_000, greetingTimeout: 60_000, socketTimeout: 60_000 } as const;

type SmtpOptions = Exclude<Parameters<typeof nodemailerModule.createTransport>[0], string>;

/**
 * SMTP_URL as nodemailer options (the same reading as nodemailer's own: host, port, smtps: for
 * TLS, user:pass, query parameters as options), plus two defaults a burst of notification emails
 * needs: pooled connections (up to 5, each reused for 100 messages; `?pool=false` turns it off),
 * and TCP_NODELAY on plain connections: without it every message waits on a delayed ACK
 * (about 40 ms on Linux), which caps sending at a few dozen messages per second.
 * And timeouts of a minute (connect, greeting, and socket inactivity; nodemailer's defaults are
 * 2 min, 30 s and 10 min): a stalled server fails the send well within the job lease (5 min,
 * jobs/worker.ts), so the job retries it instead of hanging. `?socketTimeout=…` etc. override.
 */
export function smtpTransportOptions(smtpUrl: string): SmtpOptions {
  const url = new URL(smtpUrl);
  const secure = url.protocol === 'smtps:';
  const options: Record<string, unknown> = { host: url.hostname.replace(/^\[|\]$/g, ''), secure, pool: true, ...SMTP_TIMEOUTS };
  if (url.port) options.port = Number(url.port);
  if (url.username) options.auth = { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) };
  const tls: Record<string, unknown> = {};
  for (const [key, raw] of url.searchParams) {
    const value = raw === 'true' ? true : raw === 'false' ? false : raw !== '' && !Number.isNaN(Number(raw)) ? Number(raw) : raw;
    if (key.startsWith('tls.')) tls[key.slice(4)] = value;
    else if (!key.includes('.')) options[key] = value;
  }
  if (Object.keys(tls).length) options.tls = tls;
  // nodemailer uses a socket from getSocket only when it is already connected (`connection`).
  options.getSocket = (target: { host?: string; port?: number }, callback: (error: Error | null, socket: { connection: net.Socket } | false) => void) => {
    if (secure) return callback(null, false);
    const socket = net.connect({ host: target.host, port: Number(target.port) || 587 });
    socket.setNoDelay(true);
    const timer = setTimeout(() => socket.destroy(new Error('Connection timeout')), Number(options.connectionTimeout) || SMTP_TIMEOUTS.connectionTimeout);
    const failed = (error: Error) => {
      clearTimeout(timer);
      callback(error, false);
    };
    socket.once('error', failed);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeListener('error', failed);
      callback(null, { connection: socket });
    });
  };
  return options as SmtpOptions;
}

export function createMailer(options: MailerOptions): Mailer {
  const { from, logger } = options;
  const { smtpUrl } = options;
  if (smtpUrl) {
    const transport = lazyTransport((nodemailer) => nodemailer.createTransport(smtpTransportOptions(smtpUrl)));
    return {
      async sendMail(message) {
        const info = await transport.get().sendMail({ from, ...message });
        return { messageId: info.messageId };
      },
      close: transport.close,
    };
  }
  const transport = lazyTransport((nodemailer) => nodemailer.createTransport({ streamTransport: true, buffer: true }));
  return {
    async sendMail(message) {
      const info = await transport.get().sendMail({ from, ...message });
      await fs.mkdir(options.mailDir, { recursive: true });
      // Sortable by time, unique per message.
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.eml`;
      const file = path.join(options.mailDir, name);
      await fs.writeFile(file, info.message, { mode: 0o600 });
      logger.info({ to: message.to, subject: message.subject, file }, 'email written to file (set SMTP_URL to send it)');
      return { messageId: info.messageId, file };
    },
    close: transport.close,
  };
}
