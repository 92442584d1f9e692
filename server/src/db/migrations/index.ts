import type { Migration } from 'kysely';
import type { Dialect } from '../database.ts';
import { platform } from './001-platform.ts';
import { jobs } from './002-jobs.ts';
import { crm } from './003-crm.ts';

/** The one ordered migration set; each entry receives the dialect to pick column types. */
export const migrationList: Array<[string, (dialect: Dialect) => Migration]> = [
  ['001-platform', platform],
  ['002-jobs', jobs],
  ['003-crm', crm],
];
