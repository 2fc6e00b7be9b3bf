import path from 'node:path';

/** Typed, validated configuration, read once from the environment. */
export interface Config {
  host: string;
  port: number;
  publicUrl: string;
  dataDir: string;
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
  redisUrl: string | null;
  demo: boolean;
  logLevel: string;
  /** Secret for signed cookies and tokens. Generated and kept in DATA_DIR when not given. */
  secret: string | null;
  smtpUrl: string | null;
  mailFrom: string;
  pageCache: { enabled: boolean; maxEntries: number };
  trustProxy: boolean;
  /** Stripe for reader funding; without a secret key the donation page explains how to give offline. */
  stripe: { secretKey: string | null; webhookSecret: string | null; api: { host: string; port: number; protocol: 'http' | 'https' } | null };
}

export class ConfigError extends Error {
  readonly code = 'config_invalid';
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be 1/0 (or true/false), got "${raw}"`);
}

function url(name: string, raw: string, protocols: string[]): URL {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a valid URL: "${redact(raw)}"`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')}, got "${redact(raw)}"`);
  }
  return parsed;
}

/** Hide a password in a URL before it is printed. */
function redact(raw: string): string {
  return raw.replace(/\/\/([^:/@]+):([^@]*)@/, '//$1:***@');
}

export function loadConfig(env: Env = process.env): Config {
  const host = env.HOST || '127.0.0.1';
  const port = integer(env, 'PORT', 8080, 0, 65535);
  const dataDir = path.resolve(env.DATA_DIR || './data');

  let database: Config['database'] = { kind: 'sqlite', file: path.join(dataDir, 'outpost.sqlite') };
  const databaseUrl = env.DATABASE_URL;
  if (databaseUrl) {
    if (databaseUrl.startsWith('sqlite:')) {
      const file = databaseUrl.slice('sqlite:'.length).replace(/^\/\//, '');
      if (!file) throw new ConfigError('DATABASE_URL "sqlite:" needs a file path, e.g. sqlite:./data/outpost.sqlite');
      database = { kind: 'sqlite', file: path.resolve(file) };
    } else {
      const parsed = url('DATABASE_URL', databaseUrl, ['postgres:', 'postgresql:']);
      if (!parsed.hostname && !parsed.searchParams.get('host')) {
        throw new ConfigError(`DATABASE_URL has no host: "${redact(databaseUrl)}"`);
      }
      if (parsed.pathname.length <= 1) {
        throw new ConfigError(`DATABASE_URL names no database (postgres://user@host:5432/DBNAME): "${redact(databaseUrl)}"`);
      }
      database = { kind: 'postgres', url: databaseUrl };
    }
  }

  const redisUrl = env.REDIS_URL ? url('REDIS_URL', env.REDIS_URL, ['redis:', 'rediss:']).toString() : null;
  const smtpUrl = env.SMTP_URL ? url('SMTP_URL', env.SMTP_URL, ['smtp:', 'smtps:']).toString() : null;

  let publicUrl = env.PUBLIC_URL || `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  url('PUBLIC_URL', publicUrl, ['http:', 'https:']);
  publicUrl = publicUrl.replace(/\/+$/, '');

  const secret = env.OUTPOST_SECRET || null;
  if (secret !== null && secret.length < 32) {
    throw new ConfigError('OUTPOST_SECRET must be at least 32 characters (e.g. `openssl rand -hex 32`)');
  }

  return {
    host,
    port,
    publicUrl,
    dataDir,
    database,
    redisUrl,
    demo: flag(env, 'OUTPOST_DEMO', true),
    logLevel: env.LOG_LEVEL || 'info',
    secret,
    smtpUrl,
    mailFrom: env.MAIL_FROM || `Outpost <no-reply@${new URL(publicUrl).hostname}>`,
    pageCache: {
      enabled: flag(env, 'PAGE_CACHE', true),
      maxEntries: integer(env, 'PAGE_CACHE_ENTRIES', 2000, 0, 1_000_000),
    },
    trustProxy: flag(env, 'TRUST_PROXY', false),
    stripe: stripeConfig(env),
  };
}

/** STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET and STRIPE_API_URL (a stand-in such as stripe-mock). */
function stripeConfig(env: Env): Config['stripe'] {
  const secretKey = env.STRIPE_SECRET_KEY || null;
  const webhookSecret = env.STRIPE_WEBHOOK_SECRET || null;
  let api: Config['stripe']['api'] = null;
  if (env.STRIPE_API_URL) {
    const parsed = url('STRIPE_API_URL', env.STRIPE_API_URL, ['http:', 'https:']);
    const protocol = parsed.protocol === 'http:' ? 'http' : 'https';
    api = { host: parsed.hostname.replace(/^\[|\]$/g, ''), port: parsed.port ? Number(parsed.port) : protocol === 'http' ? 80 : 443, protocol };
  }
  if (secretKey && !webhookSecret) throw new ConfigError('STRIPE_SECRET_KEY is set but STRIPE_WEBHOOK_SECRET is not: webhooks could not be verified (whsec_… from the Stripe dashboard)');
  return { secretKey, webhookSecret, api };
}
