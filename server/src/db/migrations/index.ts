import type { Migration } from 'kysely';
import type { Dialect } from '../database.ts';
import { platform } from './001-platform.ts';
import { jobs } from './002-jobs.ts';
import { crm } from './003-crm.ts';
import { deals } from './004-deals.ts';
import { fields } from './005-fields.ts';
import { activity } from './006-activity.ts';
import { inbox } from './010-inbox.ts';
import { webhookLog } from './007-webhook-log.ts';
import { automation } from './008-automation.ts';
import { rights } from './009-rights.ts';
import { board } from './011-board.ts';
import { bench } from './014-bench.ts';
import { telegram } from './015-telegram.ts';
import { email } from './016-email.ts';
import { duplicates } from './017-duplicates.ts';
import { perf } from './018-perf.ts';
import { gaps } from './019-gaps.ts';
import { leads } from './022-leads.ts';
import { jobClaim } from './023-job-claim.ts';
import { dealSources } from './024-deal-sources.ts';
import { robotFeed } from './025-robot-feed.ts';
import { taskDeadlines } from './026-task-deadlines.ts';

/** The one ordered migration set; each entry receives the dialect to pick column types. */
export const migrationList: Array<[string, (dialect: Dialect) => Migration]> = [
  ['001-platform', platform],
  ['002-jobs', jobs],
  ['003-crm', crm],
  ['004-deals', deals],
  ['005-fields', fields],
  ['006-activity', activity],
  ['007-webhook-log', webhookLog],
  ['008-automation', automation],
  ['009-rights', rights],
  ['010-inbox', inbox],
  ['011-board', board],
  ['014-bench', bench],
  ['015-telegram', telegram],
  ['016-email', email],
  ['017-duplicates', duplicates],
  ['018-perf', perf],
  ['019-gaps', gaps],
  ['022-leads', leads],
  ['023-job-claim', jobClaim],
  ['024-deal-sources', dealSources],
  ['025-robot-feed', robotFeed],
  ['026-task-deadlines', taskDeadlines],
];
