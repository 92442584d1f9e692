import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres://')
    .optional(),
  VORONKA_DATA_DIR: z.string().default('./data'),
  VORONKA_SECRET_KEY: z.string().min(32, 'VORONKA_SECRET_KEY must be at least 32 characters').optional(),
  PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  LOGIN_LOCKOUT_MINUTES: z.coerce.number().int().positive().default(15),
  SESSION_DAYS: z.coerce.number().int().positive().default(30),
  WEB_DIST_DIR: z.string().optional(),
  TRUST_PROXY: z.enum(['true', 'false', '1', '0']).default('false'),
  API_RATE_LIMIT: z.coerce.number().int().min(0).default(6000),
  FORM_SUBMISSIONS_PER_IP: z.coerce.number().int().positive().default(10),
  TELEGRAM_API_URL: z.url().default('https://api.telegram.org'),
  TELEGRAM_POLL_TIMEOUT: z.coerce.number().int().min(0).max(50).default(25),
  MAIL_POLL_SECONDS: z.coerce.number().int().min(5).max(86_400).default(60),
});

export type Config = {
  port: number;
  host: string;
  database: { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string };
  dataDir: string;
  secretKey: string;
  publicUrl: string | undefined;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  loginMaxFailures: number;
  loginLockoutMinutes: number;
  sessionDays: number;
  webDistDir: string;
  /** Trust X-Forwarded-* (client IP, https) only behind a reverse proxy you run. */
  trustProxy: boolean;
  /** /api/v4 requests per minute per token (or per IP without one); 0 turns the limit off. */
  apiRateLimit: number;
  /** Web form submissions one IP may make in 10 minutes (all forms of the server together). */
  formSubmissionsPerIp: number;
  /** Telegram Bot API base URL (a local fake in tests, a Bot API server of your own). */
  telegramApiUrl: string;
  /** Seconds one long-polling getUpdates request waits for updates. */
  telegramPollTimeout: number;
  /** Seconds between two IMAP syncs of a healthy mailbox. */
  mailPollSeconds: number;
};

/** Reads the secret from the data dir, creating it on first start so restarts keep sessions valid. */
function loadOrCreateSecret(dataDir: string): string {
  const file = path.join(dataDir, 'secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

/** Parses the environment once; throws a readable error listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.VORONKA_DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  return {
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL
      ? { dialect: 'postgres', url: e.DATABASE_URL }
      : { dialect: 'sqlite', file: path.join(dataDir, 'voronka.db') },
    dataDir,
    secretKey: e.VORONKA_SECRET_KEY ?? loadOrCreateSecret(dataDir),
    publicUrl: e.PUBLIC_URL,
    logLevel: e.LOG_LEVEL,
    loginMaxFailures: e.LOGIN_MAX_FAILURES,
    loginLockoutMinutes: e.LOGIN_LOCKOUT_MINUTES,
    sessionDays: e.SESSION_DAYS,
    trustProxy: e.TRUST_PROXY === 'true' || e.TRUST_PROXY === '1',
    apiRateLimit: e.API_RATE_LIMIT,
    formSubmissionsPerIp: e.FORM_SUBMISSIONS_PER_IP,
    telegramApiUrl: e.TELEGRAM_API_URL,
    telegramPollTimeout: e.TELEGRAM_POLL_TIMEOUT,
    mailPollSeconds: e.MAIL_POLL_SECONDS,
    webDistDir: path.resolve(e.WEB_DIST_DIR ?? path.join(import.meta.dirname, '../../web/dist')),
  };
}
