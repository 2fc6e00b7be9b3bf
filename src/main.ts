import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config.js';
import { createContext } from './context.js';
import { DatabaseConnectionError } from './db/database.js';
import { MigrationError } from './db/migrate.js';
import { seedDemo } from './demo/seed.js';
import { createUser, roles } from './features/accounts/create-user.js';
import { AccountError } from './features/accounts/errors.js';
import { createSignInLink } from './features/accounts/login-links.js';
import type { Role } from './db/schema/index.js';
import { startServer } from './server.js';

const help = `Outpost — a self-hosted newsroom

Usage: outpost <command> [options]

Commands:
  serve                 migrate the database, seed demo content on an empty site, and serve it
  migrate               bring the database schema up to date, then exit
  seed-demo             add the demo articles, authors and images (idempotent)
  user create           create an account:
                          --email <address>   (required)
                          --role <role>       ${roles.join(' | ')} (default: member)
                          --name <name>
                          --password <pw>     at least 10 characters; without it, a one-time
                                              sign-in link (valid 24 hours) is printed
  help, --help          show this help

Configuration is read from the environment (HOST, PORT, PUBLIC_URL, DATA_DIR, DATABASE_URL,
REDIS_URL, ...); see the README for every variable.
`;

/** A printed link is handed on by a person, so it lives longer than an emailed one (15 minutes). */
const cliLinkLifetimeMs = 24 * 60 * 60_000;

/** Errors we expect from a bad setup: one line, no stack trace. */
function fail(error: unknown): never {
  if (error instanceof ConfigError || error instanceof DatabaseConnectionError || error instanceof MigrationError || error instanceof AccountError) {
    process.stderr.write(`outpost: ${error.message}\n`);
    process.exit(error instanceof ConfigError ? 2 : 1);
  }
  if (error instanceof Error && String((error as { code?: unknown }).code ?? '').startsWith('ERR_PARSE_ARGS')) {
    process.stderr.write(`outpost: ${error.message}\n`);
    process.exit(2);
  }
  throw error;
}

async function serve(): Promise<void> {
  const config = loadConfig();
  const server = await startServer(config);
  const { ctx } = server;
  if (server.setupUrl) {
    process.stdout.write(
      `\nOutpost is running at ${config.publicUrl}\n\nNo admin account exists yet. Open this one-time link (valid for 24 hours) to create the owner:\n\n  ${server.setupUrl}\n\nor create it from the command line:\n\n  npx outpost user create --email you@example.org --role owner --password 'a long passphrase'\n\n`,
    );
  } else {
    process.stdout.write(`\nOutpost is running at ${config.publicUrl}\n\n`);
  }
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    ctx.logger.info({ signal }, 'shutting down: finishing requests in flight');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.stop().then(
      () => process.exit(0),
      (error) => {
        ctx.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

async function withContext<T>(fn: (ctx: Awaited<ReturnType<typeof createContext>>) => Promise<T>): Promise<T> {
  const ctx = await createContext(loadConfig());
  try {
    return await fn(ctx);
  } finally {
    await ctx.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      return serve();
    case 'migrate':
      return withContext(async () => {
        process.stdout.write('database is up to date\n');
      });
    case 'seed-demo':
      return withContext(async (ctx) => {
        const added = await seedDemo(ctx);
        process.stdout.write(`demo content: ${added.articles} articles added\n`);
      });
    case 'user': {
      const [sub, ...args] = rest;
      if (sub !== 'create') {
        process.stderr.write(`outpost: unknown user command "${sub ?? ''}"; try: outpost user create --email … --role …\n`);
        process.exit(2);
      }
      const { values } = parseArgs({
        args,
        options: { email: { type: 'string' }, role: { type: 'string', default: 'member' }, name: { type: 'string' }, password: { type: 'string' } },
        strict: true,
      });
      if (!values.email) {
        process.stderr.write('outpost: --email is required\n');
        process.exit(2);
      }
      const email = values.email;
      return withContext(async (ctx) => {
        const user = await createUser(ctx, { email, role: values.role as Role, name: values.name, password: values.password });
        process.stdout.write(`created ${user.role} ${user.email} (id ${user.id})\n`);
        if (values.password === undefined) {
          const link = await createSignInLink(ctx, { userId: user.id, ttlMs: cliLinkLifetimeMs });
          process.stdout.write(`one-time sign-in link (valid for 24 hours, works once):\n  ${link.url}\n`);
        }
      });
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(help);
      return;
    default:
      process.stderr.write(`outpost: unknown command "${command}"\n\n${help}`);
      process.exit(2);
  }
}

main(process.argv.slice(2)).catch(fail);
