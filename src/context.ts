import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pino, { type Logger } from 'pino';
import type { Config } from './config.js';
import { type Database, openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { createMailer, type Mailer } from './features/mail/mailer.js';
import { getSiteSettings, type SiteSettings } from './features/settings/site-settings.js';
import { createI18n, type I18n } from './i18n/index.js';
import { type Bus, createLocalBus, createRedisBus } from './shared/bus.js';
import { type Clock, systemClock } from './shared/clock.js';
import { PageCache } from './shared/page-cache.js';

/** Everything a use case, a route or a job may need. Built once per process. */
export interface AppContext {
  config: Config;
  database: Database;
  bus: Bus;
  cache: PageCache;
  clock: Clock;
  logger: Logger;
  secret: string;
  /** Outgoing email: SMTP when SMTP_URL is set, .eml files in DATA_DIR/mail otherwise. */
  mailer: Mailer;
  /** Current site settings and the i18n built from them; refreshed by `reloadSettings`. */
  site: { settings: SiteSettings; i18n: I18n };
  reloadSettings(): Promise<void>;
  /** Tell every instance that pages carrying these tags are stale. */
  invalidate(tags: string[]): Promise<void>;
  close(): Promise<void>;
}

export interface ContextOptions {
  clock?: Clock;
  logger?: Logger;
  migrate?: boolean;
  mailer?: Mailer;
}

/** The signing secret: OUTPOST_SECRET, or one generated on first run and kept in DATA_DIR. */
function loadSecret(config: Config): string {
  if (config.secret) return config.secret;
  const file = path.join(config.dataDir, 'secret.key');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(config.dataDir, { recursive: true });
    const secret = randomBytes(32).toString('hex');
    fs.writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  }
}

export async function createContext(config: Config, options: ContextOptions = {}): Promise<AppContext> {
  const logger = options.logger ?? pino({ level: config.logLevel });
  const database = await openDatabase(config.database);
  try {
    if (options.migrate !== false) {
      const applied = await migrateToLatest(database);
      if (applied.length) logger.info({ applied }, 'database migrated');
    }
    const bus = config.redisUrl ? await createRedisBus(config.redisUrl) : createLocalBus();
    const cache = new PageCache(config.pageCache.enabled ? config.pageCache.maxEntries : 0);
    const unsubscribe = bus.subscribe((event) => {
      if (event.type === 'cache.invalidate') cache.invalidate(event.tags);
      // Settings saved on any instance: reload them here, then drop every page rendered with the old ones.
      if (event.type === 'settings.changed') {
        void ctx.reloadSettings().then(
          () => cache.clear(),
          (error: unknown) => logger.error({ err: error }, 'reloading settings failed'),
        );
      }
    });
    const settings = await getSiteSettings(database.db);
    const ctx: AppContext = {
      config,
      database,
      bus,
      cache,
      clock: options.clock ?? systemClock,
      logger,
      secret: loadSecret(config),
      mailer: options.mailer ?? createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, mailDir: path.join(config.dataDir, 'mail'), logger }),
      site: { settings, i18n: createI18n(settings.locale, settings.timeZone) },
      async reloadSettings() {
        const next = await getSiteSettings(database.db);
        ctx.site = { settings: next, i18n: createI18n(next.locale, next.timeZone) };
      },
      async invalidate(tags) {
        cache.invalidate(tags);
        await bus.publish({ type: 'cache.invalidate', tags });
      },
      async close() {
        unsubscribe();
        ctx.mailer.close();
        await bus.close();
        await database.close();
      },
    };
    return ctx;
  } catch (error) {
    await database.close();
    throw error;
  }
}
