import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from './support/ports.js';

const root = path.resolve(import.meta.dirname, '..');
const cli = path.join(root, 'bin', 'outpost.js');

function outpost(args: string[], env: Record<string, string> = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-cli-'));
  const result = spawnSync(process.execPath, [cli, ...args], { env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env }, encoding: 'utf8' });
  fs.rmSync(dataDir, { recursive: true, force: true });
  return result;
}

describe('outpost CLI', () => {
  it('lists its commands', () => {
    const { stdout, status } = outpost(['--help']);
    expect(status).toBe(0);
    for (const command of ['serve', 'migrate', 'seed-demo', 'user create']) expect(stdout).toContain(command);
  });

  it.each([
    ['mysql://localhost/outpost', 'DATABASE_URL must start with postgres:// or postgresql://'],
    ['postgres://', 'DATABASE_URL has no host'],
    ['http://[bad', 'DATABASE_URL is not a valid URL'],
    ['postgres://localhost', 'DATABASE_URL names no database'],
  ])('exits with one line for DATABASE_URL=%s', (url, message) => {
    const { stderr, status } = outpost(['migrate'], { DATABASE_URL: url });
    expect(status).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(message);
  });

  it('says in one line when PostgreSQL cannot be reached', () => {
    const { stderr, status } = outpost(['migrate'], { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/outpost' });
    expect(status).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('cannot connect to PostgreSQL');
  });

  it('migrates and creates a user with an argon2id password', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-cli-'));
    const env = { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
    expect(spawnSync(process.execPath, [cli, 'migrate'], { env, encoding: 'utf8' }).status).toBe(0);
    const created = spawnSync(process.execPath, [cli, 'user', 'create', '--email', 'Editor@Example.org', '--role', 'owner', '--password', 'correct horse battery'], { env, encoding: 'utf8' });
    expect(created.stdout).toContain('created owner editor@example.org');
    const again = spawnSync(process.execPath, [cli, 'user', 'create', '--email', 'editor@example.org'], { env, encoding: 'utf8' });
    expect(again.status).toBe(1);
    expect(again.stderr).toBe('outpost: An account with this email already exists.\n');
    const badRole = spawnSync(process.execPath, [cli, 'user', 'create', '--email', 'x@example.org', '--role', 'king'], { env, encoding: 'utf8' });
    expect(badRole.stderr).toContain('Role must be one of: owner, admin, editor, author, moderator, member.');
    expect(created.stdout).not.toContain('sign-in link');
    const reader = spawnSync(process.execPath, [cli, 'user', 'create', '--email', 'reader@example.org'], { env: { ...env, PUBLIC_URL: 'https://news.example.org' }, encoding: 'utf8' });
    expect(reader.status).toBe(0);
    expect(reader.stdout).toContain('created member reader@example.org');
    expect(reader.stdout).toMatch(/one-time sign-in link \(valid for 24 hours, works once\):\n {2}https:\/\/news\.example\.org\/signin\/link\/[A-Za-z0-9_-]{43}\n/);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a second owner in one line, exit code 1, and creates nothing', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-cli-'));
    const env = { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
    try {
      const first = spawnSync(process.execPath, [cli, 'user', 'create', '--email', 'first@example.org', '--role', 'owner', '--password', 'correct horse battery'], { env, encoding: 'utf8' });
      expect(first.status).toBe(0);
      const second = spawnSync(process.execPath, [cli, 'user', 'create', '--email', 'second@example.org', '--role', 'owner', '--password', 'correct horse battery'], { env, encoding: 'utf8' });
      expect(second.status).toBe(1);
      expect(second.stdout).toBe('');
      expect(second.stderr).toBe('outpost: This site has an owner already, and there is only one (docs/roles.md): create this account with --role admin instead.\n');
      // Nothing was created: the same address makes an admin without complaint.
      const admin = spawnSync(process.execPath, [cli, 'user', 'create', '--email', 'second@example.org', '--role', 'admin', '--password', 'correct horse battery'], { env, encoding: 'utf8' });
      expect(admin.status).toBe(0);
      expect(admin.stdout).toContain('created admin second@example.org');
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('prints a one-time setup link (and the command-line alternative) when the site has no owner', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-cli-'));
    const port = await freePort();
    const child = spawn(process.execPath, [cli, 'serve'], {
      env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, LOG_LEVEL: 'silent', OUTPOST_DEMO: '0', PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
      });
      const deadline = Date.now() + 20_000;
      while (!out.includes('npx outpost user create') && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 100));
      expect(out).toContain('No admin account exists yet. Open this one-time link (valid for 24 hours) to create the owner:');
      const link = out.match(/http:\/\/127\.0\.0\.1:\d+\/setup\/[A-Za-z0-9_-]{43}/)?.[0];
      expect(link).toBeTruthy();
      expect(out).toContain("npx outpost user create --email you@example.org --role owner --password 'a long passphrase'");
      const page = await fetch(link ?? '');
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Create the owner account');
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
