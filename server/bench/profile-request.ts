// Dev tool: the server CPU time of one API request, in-process against an existing data dir,
// repeated; run under `node --cpu-prof --import tsx` to see where it goes. Usage:
//   VORONKA_DATA_DIR=/path npx tsx server/bench/profile-request.ts '/api/app/board?pipeline_id=4' [N]
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { createApiToken } from '../src/modules/api-tokens/create-api-token.ts';

const [url = '/api/v4/account', n = '50'] = process.argv.slice(2);
const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
const database = openDatabase(config.database);
const app = await buildApp({ config, database, queue: null });
await app.ready();
const user = await database.db
  .selectFrom('users')
  .selectAll()
  .orderBy('is_admin', 'desc')
  .orderBy('id')
  .executeTakeFirstOrThrow();
const { token } = await createApiToken(database.db, config.secretKey, {
  accountId: user.account_id,
  userId: user.id,
  name: 'profile',
  days: 1,
});
const inject = () => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
const first = await inject();
console.log(`${url}: ${first.statusCode}, ${first.body.length} bytes`);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
for (let i = 0; i < Number(n); i++) await inject();
const cpu = process.cpuUsage(cpu0);
console.log(
  `${n} requests: ${((performance.now() - t0) / Number(n)).toFixed(1)} ms wall, ${((cpu.user + cpu.system) / 1000 / Number(n)).toFixed(1)} ms CPU per request`,
);
await app.close();
await database.close();
