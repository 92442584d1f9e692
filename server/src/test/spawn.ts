import { spawn } from 'node:child_process';
import path from 'node:path';
import type { TestDatabase } from './db.ts';

export const repoRoot = path.resolve(import.meta.dirname, '../../..');
export const tsxBin = path.join(repoRoot, 'node_modules/.bin/tsx');

/** Environment that points a child process (CLI, server) at the test's database. */
export function envFor(database: TestDatabase, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const rest = { ...process.env };
  delete rest.CI;
  delete rest.DATABASE_URL;
  const base =
    database.settings.dialect === 'postgres'
      ? { DATABASE_URL: database.settings.url, VORONKA_DATA_DIR: path.join(repoRoot, 'data/test-tmp') }
      : { VORONKA_DATA_DIR: path.dirname(database.settings.file) };
  return {
    ...rest,
    ...base,
    LOG_LEVEL: 'silent',
    VORONKA_SECRET_KEY: 'test-secret-key-0123456789-abcdefghijkl',
    ...extra,
  };
}

/** Runs `tsx <script> ...args` and collects its output. */
export function run(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsxBin, [path.join(repoRoot, script), ...args], { env, cwd: repoRoot });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
