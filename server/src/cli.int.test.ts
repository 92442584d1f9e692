import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { createTestDatabase, type TestDatabase } from './test/db.ts';
import { envFor, run } from './test/spawn.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

const cli = (...args: string[]) => run('server/src/cli.ts', args, envFor(database));

// Each test starts several real CLI processes (tsx); on a loaded 2-core machine that outlasts 30 s.
describe('npm run cli', { timeout: 120_000 }, () => {
  it('creates an admin and a token that authorizes GET /api/v4/account', async () => {
    const created = await cli(
      'admin:create',
      '--email',
      'Boss@Example.com',
      '--password',
      'long password',
      '--name',
      'Босс',
    );
    expect(created.stderr).toContain('Administrator boss@example.com created');
    expect(created.code).toBe(0);

    const token = await cli(
      'token:create',
      '--email',
      'boss@example.com',
      '--name',
      'Integration',
      '--days',
      '10',
    );
    expect(token.code).toBe(0);
    const lines = token.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);

    const env = envFor(database);
    const config = loadConfig(env);
    const app = await buildApp({ config: { ...config, database: database.settings }, database, queue: null });
    const res = await app.inject({
      url: '/api/v4/account',
      headers: { authorization: `Bearer ${lines[0]}` },
    });
    await app.close();
    expect(res.statusCode).toBe(200);
    expect(res.json().current_user_id).toBeGreaterThan(0);
  });

  it('resets a password', async () => {
    const res = await cli(
      'user:reset-password',
      '--email',
      'boss@example.com',
      '--password',
      'another password',
    );
    expect(res.code).toBe(0);
    const user = await database.db.selectFrom('users').select('password_hash').executeTakeFirstOrThrow();
    const { verifyPassword } = await import('./lib/passwords.ts');
    expect(await verifyPassword(user.password_hash, 'another password')).toBe(true);
  });

  it('fails readably on bad input', async () => {
    const dup = await cli('admin:create', '--email', 'boss@example.com', '--password', 'long password');
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('already exists');
    const missing = await cli('token:create', '--name', 'x');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('--email is required');
    const unknown = await cli('nope');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command');
  });
});
