import { defineConfig } from 'vitest/config';

// Every server test file runs on a fresh SQLite database; when TEST_DATABASE_URL is set the
// same files run again on PostgreSQL. In CI a missing PostgreSQL run is an error, not a skip.
const pgUrl = process.env.TEST_DATABASE_URL;
if (process.env.CI === 'true' && !pgUrl) {
  throw new Error('CI=true but TEST_DATABASE_URL is not set: the PostgreSQL suite would be skipped');
}

const serverProject = (name: string, dialect: 'sqlite' | 'postgres') => ({
  test: {
    name,
    include: ['server/src/**/*.test.ts'],
    env: { VORONKA_TEST_DIALECT: dialect, LOG_LEVEL: 'silent' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'common', include: ['common/src/**/*.test.ts'] } },
      serverProject('server', 'sqlite'),
      ...(pgUrl ? [serverProject('server-pg', 'postgres')] : []),
    ],
  },
});
