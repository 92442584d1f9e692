import { parseArgs } from 'node:util';
import { loadConfig } from './config.ts';
import { openDatabase, type Database } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { nowSeconds } from './db/schema-helpers.ts';
import { ProblemError } from './http/problem.ts';
import { hashPassword } from './lib/passwords.ts';
import { createApiToken } from './modules/api-tokens/create-api-token.ts';
import { ensureDefaultAccount } from './modules/accounts/ensure-default-account.ts';
import { deleteUserSessions } from './modules/auth/sessions.repo.ts';
import { createIntegration } from './modules/oauth/create-integration.ts';
import { createUser, MIN_PASSWORD_LENGTH } from './modules/users/create-user.ts';
import { findUserByEmail, updateUser } from './modules/users/users.repo.ts';

type Command = {
  usage: string;
  options: Record<string, { type: 'string' }>;
  run: (database: Database, args: Record<string, string | undefined>, secret: string) => Promise<void>;
};

class UsageError extends Error {}

/** A whole number option within [min, max], or `fallback` when absent. */
function count(
  args: Record<string, string | undefined>,
  name: string,
  fallback: number,
  min = 0,
  max = 10_000_000,
) {
  const raw = args[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}`);
  }
  return n;
}

function need(args: Record<string, string | undefined>, name: string): string {
  const value = args[name];
  if (!value) throw new UsageError(`--${name} is required`);
  return value;
}

async function userByEmail(database: Database, email: string) {
  const user = await findUserByEmail(database.db, email);
  if (!user) throw new UsageError(`No user with e-mail ${email}`);
  return user;
}

const commands: Record<string, Command> = {
  'db:migrate': {
    usage: 'db:migrate',
    options: {},
    run: async () => {
      // migrations run before every command; this one only reports
      console.error('Database is up to date.');
    },
  },
  'admin:create': {
    usage: 'admin:create --email E --password P [--name N]',
    options: { email: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' } },
    run: async (database, args) => {
      const account = await ensureDefaultAccount(database.db);
      const user = await createUser(database.db, account.id, {
        email: need(args, 'email'),
        password: need(args, 'password'),
        name: args.name ?? need(args, 'email').split('@')[0] ?? 'Admin',
        lang: account.locale === 'en' ? 'en' : 'ru',
        isAdmin: true,
      });
      console.error(`Administrator ${user.email} created in account "${account.name}" (id ${account.id}).`);
    },
  },
  'token:create': {
    usage: 'token:create --email E --name N [--days D]   (prints only the token on stdout)',
    options: { email: { type: 'string' }, name: { type: 'string' }, days: { type: 'string' } },
    run: async (database, args, secret) => {
      const user = await userByEmail(database, need(args, 'email'));
      const days = Number(args.days ?? '365');
      const { token } = await createApiToken(database.db, secret, {
        accountId: user.account_id,
        userId: user.id,
        name: need(args, 'name'),
        days,
      });
      process.stdout.write(`${token}\n`);
    },
  },
  'user:reset-password': {
    usage: 'user:reset-password --email E --password P',
    options: { email: { type: 'string' }, password: { type: 'string' } },
    run: async (database, args) => {
      const user = await userByEmail(database, need(args, 'email'));
      const password = need(args, 'password');
      if (password.length < MIN_PASSWORD_LENGTH) {
        throw new UsageError(`The password must have at least ${MIN_PASSWORD_LENGTH} characters`);
      }
      await updateUser(database.db, user.account_id, user.id, {
        password_hash: await hashPassword(password),
        updated_at: nowSeconds(),
      });
      await deleteUserSessions(database.db, user.id);
      console.error(`Password of ${user.email} changed; their sessions were signed out.`);
    },
  },
  'integration:create': {
    usage: 'integration:create --email E --name N --redirect-uri URL   (prints client_id and client_secret)',
    options: { email: { type: 'string' }, name: { type: 'string' }, 'redirect-uri': { type: 'string' } },
    run: async (database, args) => {
      const user = await userByEmail(database, need(args, 'email'));
      const r = await createIntegration(database.db, {
        accountId: user.account_id,
        userId: user.id,
        name: need(args, 'name'),
        redirectUri: need(args, 'redirect-uri'),
      });
      process.stdout.write(`client_id=${r.clientId}\nclient_secret=${r.clientSecret}\n`);
    },
  },
  'demo:generate': {
    usage:
      'demo:generate --deals N [--contacts N] [--account-id ID] [--seed N]   (contacts default: 30% of deals; 0 links to existing ones)',
    options: {
      deals: { type: 'string' },
      contacts: { type: 'string' },
      'account-id': { type: 'string' },
      seed: { type: 'string' },
    },
    run: async (database, args) => {
      const deals = count(args, 'deals', -1);
      if (deals < 0) throw new UsageError('--deals is required');
      const contacts = count(args, 'contacts', Math.max(1, Math.round(deals * 0.3)));
      const accountId =
        args['account-id'] === undefined ? undefined : count(args, 'account-id', 0, 1, 2 ** 53);
      // Loaded on demand: the other commands start without the generator's modules.
      const { generateDemo } = await import('./modules/demo/generate-demo.ts');
      let last = 0;
      const result = await generateDemo(database, {
        deals,
        contacts,
        accountId,
        seed: count(args, 'seed', 2026),
        onProgress: (phase, done, total) => {
          if (done === total || performance.now() - last > 2000) {
            last = performance.now();
            console.error(`${phase}: ${done} / ${total}`);
          }
        },
      });
      const total = Object.values(result.rows).reduce((a, b) => a + b, 0);
      console.error(
        `Account ${result.accountId}: ${JSON.stringify(result.rows)}; ${total} rows in ` +
          `${result.seconds.toFixed(1)} s (${Math.round(total / result.seconds)} rows/s, ` +
          `${Math.round(deals / result.seconds)} deals/s overall).`,
      );
    },
  },
};

function help(): string {
  return [
    'Usage: npm run cli -- <command> [options]',
    '',
    ...Object.values(commands).map((c) => `  ${c.usage}`),
  ].join('\n');
}

function describe(err: unknown): string {
  if (err instanceof ProblemError) {
    const fields = err.extra['validation-errors'];
    return Array.isArray(fields) ? `${err.detail}: ${JSON.stringify(fields)}` : err.detail;
  }
  return err instanceof Error ? err.message : String(err);
}

export async function runCli(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    console.error(name ? `Unknown command "${name}"\n\n${help()}` : help());
    return 2;
  }
  let database: Database | undefined;
  try {
    const { values } = parseArgs({ args: rest, options: command.options, strict: true });
    const args: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(values)) if (typeof v === 'string') args[k] = v;
    const config = loadConfig();
    database = openDatabase(config.database);
    await migrateToLatest(database);
    await command.run(database, args, config.secretKey);
    return 0;
  } catch (err) {
    console.error(`Error: ${describe(err)}${err instanceof UsageError ? `\nUsage: ${command.usage}` : ''}`);
    return 1;
  } finally {
    await database?.close();
  }
}

runCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
