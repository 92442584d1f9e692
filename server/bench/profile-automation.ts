// Dev tool: the automation scenarios of the bench with the server in this process, so that
// `node --cpu-prof --import tsx server/bench/profile-automation.ts [burst N] [delayed M rate]`
// profiles the engine itself. Prints the same figures as the bench.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../src/main.ts';
import { createApiToken } from '../src/modules/api-tokens/create-api-token.ts';
import { generateDemo } from '../src/modules/demo/generate-demo.ts';
import { automationBurst, automationDelayed } from './automation.ts';
import { createClient } from './load.ts';
import { printAutomation } from './print.ts';
import type { BenchContext } from './scenario.ts';

const [kind = 'burst', n = '500', rate = '100'] = process.argv.slice(2);
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'voronka-profile-'));
const server = await startServer({ port: 0, dataDir, env: { LOG_LEVEL: 'warn', HOST: '127.0.0.1' } });
const database = server.app.deps.database;
const config = server.app.deps.config;
await fetch(`${server.url}/api/app/setup`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    accountName: 'P',
    name: 'P',
    email: 'p@example.com',
    password: 'profile pass',
    locale: 'ru',
  }),
});
const user = await database.db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
const { token } = await createApiToken(database.db, config.secretKey, {
  accountId: user.account_id,
  userId: user.id,
  name: 'profile',
  days: 1,
});
await generateDemo(database, { deals: 500, contacts: 300, accountId: user.account_id });
const ctx: BenchContext = {
  database,
  client: createClient(server.url, token),
  url: server.url,
  accountId: user.account_id,
  pid: process.pid,
  credentials: { email: 'p@example.com', password: 'profile pass' },
};
if (kind === 'burst') printAutomation(await automationBurst(ctx, Number(n)), null);
else printAutomation(null, await automationDelayed(ctx, Number(n), Number(rate), 10));
await server.close();
rmSync(dataDir, { recursive: true, force: true });
