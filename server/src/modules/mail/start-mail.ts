import { deliverMail } from './deliver-mail.ts';
import { mailSendJob, mailSyncJob } from './mail-jobs.ts';
import type { MailRuntime } from './mail-runtime.ts';
import { activeMailboxIds } from './mailboxes.repo.ts';
import { runSyncJob, scheduleSync } from './sync-mailbox.ts';

/**
 * Starts this node's mail workers: the IMAP sync passes and SMTP deliveries. Every active
 * mailbox gets a pass now unless one is already waiting (a pass chain lost with a crashed
 * process resumes here; the singleton key keeps several nodes from starting parallel chains).
 */
export async function startMail(rt: MailRuntime): Promise<void> {
  await rt.queue.work(mailSyncJob, (job) => runSyncJob(rt, job.data.mailboxId), { concurrency: 2 });
  await rt.queue.work(
    mailSendJob,
    (job) => deliverMail(rt, job.data.mailId, job.attempt, rt.options.sendRetryLimit + 1),
    { concurrency: 2 },
  );
  for (const m of await activeMailboxIds(rt.db)) await scheduleSync(rt, m.id, 0);
}
