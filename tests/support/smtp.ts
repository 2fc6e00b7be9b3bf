import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One message as the SMTP server received it, with its headers and decoded text and HTML parts. */
export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  /** Lower-case name → unfolded, RFC 2047-decoded value (the first of repeated headers). */
  headers: Map<string, string>;
  subject: string;
  text: string;
  html: string;
}

export interface SmtpSink {
  port: number;
  url: string;
  messages: ReceivedMail[];
  /** Messages to one address. */
  to(address: string): ReceivedMail[];
  /** Answer RCPT TO for an address with an SMTP error (e.g. 451 or 550); null accepts again. */
  refuse(address: string, error: { code: number; message: string } | null): void;
  /**
   * Stall the next RCPT TO for an address (a mail server that stops answering): the client waits
   * until `release()` (answered with the given SMTP error, 451 by default). Later RCPTs are accepted.
   */
  stall(address: string): { stalled: Promise<void>; release(error?: { code: number; message: string }): void };
  close(): Promise<void>;
}

function decodeWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=(\s+(?==\?))?/g, (_m, _charset: string, enc: string, data: string) => {
    if (enc.toUpperCase() === 'B') return Buffer.from(data, 'base64').toString('utf8');
    const bytes = data.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_x, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  });
}

function decodeBody(body: string, encoding: string | undefined): string {
  const enc = (encoding ?? '').toLowerCase();
  if (enc === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (enc === 'quoted-printable') {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

interface Part {
  headers: Map<string, string>;
  body: string;
}

function parsePart(raw: string): Part {
  const split = raw.indexOf('\r\n\r\n');
  const head = split < 0 ? raw : raw.slice(0, split);
  const body = split < 0 ? '' : raw.slice(split + 4);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, decodeWords(line.slice(colon + 1).trim()));
  }
  return { headers, body };
}

/** The leaf parts of a MIME message, decoded. */
function leaves(part: Part): Array<{ type: string; content: string }> {
  const type = part.headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (type.toLowerCase().startsWith('multipart/') && boundary) {
    const pieces = part.body.split(`--${boundary}`).slice(1);
    return pieces.filter((p) => !p.startsWith('--')).flatMap((p) => leaves(parsePart(p.replace(/^\r\n/, ''))));
  }
  return [{ type: type.split(';')[0]?.trim().toLowerCase() ?? 'text/plain', content: decodeBody(part.body, part.headers.get('content-transfer-encoding')) }];
}

export function parseMail(raw: string, envelope: { from: string; to: string[] }): ReceivedMail {
  const top = parsePart(raw);
  const parts = leaves(top);
  return {
    ...envelope,
    raw,
    headers: top.headers,
    subject: top.headers.get('subject') ?? '',
    text: parts.find((p) => p.type === 'text/plain')?.content.replace(/\r\n/g, '\n') ?? '',
    html: parts.find((p) => p.type === 'text/html')?.content.replace(/\r\n/g, '\n') ?? '',
  };
}

/** A real SMTP server on a free local port (no TLS, no auth), keeping every message it accepts. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: ReceivedMail[] = [];
  const refusals = new Map<string, { code: number; message: string }>();
  const stalls = new Map<string, (callback: (error?: Error | null) => void) => void>();
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const stall = stalls.get(address.address.toLowerCase());
      if (stall) {
        stalls.delete(address.address.toLowerCase());
        return stall(callback);
      }
      const refusal = refusals.get(address.address.toLowerCase());
      if (!refusal) return callback();
      const error = new Error(refusal.message) as Error & { responseCode: number };
      error.responseCode = refusal.code;
      return callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        messages.push(parseMail(Buffer.concat(chunks).toString('utf8'), { from, to: session.envelope.rcptTo.map((r) => r.address) }));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    to: (address) => messages.filter((m) => m.to.includes(address)),
    refuse(address, error) {
      if (error) refusals.set(address.toLowerCase(), error);
      else refusals.delete(address.toLowerCase());
    },
    stall(address) {
      let held: ((error?: Error | null) => void) | null = null;
      let released: { code: number; message: string } | null = null;
      const answer = () => {
        if (!held || !released) return;
        const error = new Error(released.message) as Error & { responseCode: number };
        error.responseCode = released.code;
        held(error);
      };
      const stalled = new Promise<void>((resolve) =>
        stalls.set(address.toLowerCase(), (callback) => {
          held = callback;
          resolve();
          answer();
        }),
      );
      return {
        stalled,
        release(error = { code: 451, message: 'Stalled, try again later' }) {
          released = error;
          answer();
        },
      };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
