import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';
import { startServer } from '../../server/src/main.ts';
import { launchChromium } from '../../server/src/test/chromium.ts';
import { ensureDefaultAccount } from '../../server/src/modules/accounts/ensure-default-account.ts';
import { makeRunDue } from '../../server/src/modules/automation/automation.test-support.ts';
import { createUser } from '../../server/src/modules/users/create-user.ts';

export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../test-results/screenshots');

export type NewUser = { name: string; email: string; password: string; lang: 'ru' | 'en'; isAdmin: boolean };

export type TestServer = {
  url: string;
  dataDir: string;
  /** Adds a user to the installation's account directly in the database (there is no UI for it yet). */
  addUser: (user: NewUser) => Promise<void>;
  /** Moves a deal's stage entry back in time (a stay of days is not waited out in a test). */
  backdateStageEntry: (dealId: number, seconds: number) => Promise<void>;
  /** The fake clock of the digital pipeline: makes a delayed run's job due now (days are not waited out). */
  makeRunDue: (runId: number) => Promise<void>;
  close: () => Promise<void>;
};

/**
 * Starts the real server on a free port (or `env.PORT`, e.g. to set a matching `PUBLIC_URL`) with a
 * fresh SQLite database in a temp dir, serving the built web app (run `npm run build` first).
 * `close` stops it and deletes the data.
 */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'voronka-browser-'));
  const server = await startServer({
    port: env.PORT ? Number(env.PORT) : 0,
    dataDir,
    env: { LOG_LEVEL: 'error', HOST: '127.0.0.1', ...env },
  });
  const { database } = server.app.deps;
  const { db } = database;
  return {
    url: server.url,
    dataDir,
    addUser: async (user) => {
      await createUser(db, (await ensureDefaultAccount(db)).id, user);
    },
    backdateStageEntry: async (dealId, seconds) => {
      await db
        .updateTable('deals')
        .set((eb) => ({ stage_entered_at: eb('stage_entered_at', '-', seconds) }))
        .where('id', '=', dealId)
        .execute();
    },
    makeRunDue: (runId) => makeRunDue(database, runId),
    close: async () => {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The Chromium the tests drive: server/src/test/chromium.ts, shared with the bench. */
export const launchBrowser = (): Promise<Browser> => launchChromium();

/** An API answer the app asks for on purpose, which Chromium still logs as a console error. */
export type ExpectedFailure = { path: string; status: number };

/**
 * The app probes GET /api/app/session while logged out (401) and shows the server's answer to a wrong
 * login (401, 429): Chromium logs those as "Failed to load resource", which is not an app error.
 */
export const AUTH_PROBE_FAILURES: readonly ExpectedFailure[] = [
  { path: '/api/app/session', status: 401 },
  { path: '/api/app/login', status: 401 },
  { path: '/api/app/login', status: 429 },
];

function isExpected(message: ConsoleMessage, expected: readonly ExpectedFailure[]): boolean {
  const text = message.text();
  const location = message.location().url;
  if (!text.startsWith('Failed to load resource')) return false;
  return expected.some(
    ({ path: expectedPath, status }) =>
      text.includes(`status of ${status}`) && new URL(location).pathname === expectedPath,
  );
}

export type TestPage = { context: BrowserContext; page: Page; consoleErrors: string[] };

/**
 * A fresh context (own cookies, own storage) with one page that records every console error and
 * uncaught exception, except the expected API failures listed.
 */
export async function openPage(
  browser: Browser,
  options: {
    locale?: string;
    viewport?: { width: number; height: number };
    expectedFailures?: readonly ExpectedFailure[];
  } = {},
): Promise<TestPage> {
  const context = await browser.newContext({
    locale: options.locale ?? 'ru-RU',
    viewport: options.viewport ?? { width: 1280, height: 800 },
  });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const expected = options.expectedFailures ?? AUTH_PROBE_FAILURES;
  page.on('console', (message) => {
    if (message.type() === 'error' && !isExpected(message, expected)) {
      consoleErrors.push(`${message.text()} (${message.location().url})`);
    }
  });
  page.on('pageerror', (error) => consoleErrors.push(`Uncaught: ${error.message}`));
  return { context, page, consoleErrors };
}

/** Saves a full-page screenshot to test-results/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

export type AdminInput = {
  accountName: string;
  name: string;
  email: string;
  password: string;
  locale: 'ru' | 'en';
};

/**
 * Does the first-run setup through the API in the page's context, so the context is logged in
 * without clicking through the setup form (for tests about something else).
 */
export async function setupAdminViaApi(
  context: BrowserContext,
  baseUrl: string,
  input: AdminInput,
): Promise<void> {
  const response = await context.request.post(new URL('/api/app/setup', baseUrl).href, { data: input });
  if (!response.ok()) throw new Error(`setup failed: ${response.status()} ${await response.text()}`);
}

/** Logs the context in through the API, for tests that start on a page behind the login. */
export async function logInViaApi(
  context: BrowserContext,
  baseUrl: string,
  credentials: { email: string; password: string },
): Promise<void> {
  const response = await context.request.post(new URL('/api/app/login', baseUrl).href, { data: credentials });
  if (!response.ok()) throw new Error(`login failed: ${response.status()} ${await response.text()}`);
}
