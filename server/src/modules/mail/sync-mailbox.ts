import type { ImapFlow } from 'imapflow';
import { nowSeconds } from '../../db/schema-helpers.ts';
import type { Mailbox } from '../../db/types-email.ts';
import { findAccount } from '../accounts/accounts.repo.ts';
import type { Ctx } from '../context.ts';
import { closeImap, describeMailError, openImap } from './imap-client.ts';
import { mailSyncJob, syncKey } from './mail-jobs.ts';
import { nextSyncDelay, type MailRuntime } from './mail-runtime.ts';
import { imapSettingsOf } from './mailbox-settings.ts';
import { advanceLastUid, findMailboxById, updateMailboxRow } from './mailboxes.repo.ts';
import { parseMail } from './parse-mail.ts';
import { receiveMail } from './receive-mail.ts';

/** Larger mails are read up to this size: headers and text survive, big attachments do not. */
const MAX_SOURCE = 10 * 1024 * 1024;
const FETCH_CHUNK = 20;

export type SyncResult = { ok: true; taken: number; more: boolean } | { ok: false; error: string };

/** UIDs after the last one taken; after a UIDVALIDITY change, everything since the last sync. */
async function pendingUids(client: ImapFlow, mailbox: Mailbox, uidValidity: string): Promise<number[]> {
  if (mailbox.uid_validity !== null && mailbox.uid_validity !== uidValidity) {
    // The server renumbered the folder: re-read what arrived since a day before the last sync;
    // the Message-ID check keeps what we already have from coming in twice.
    const since = new Date(((mailbox.synced_at ?? nowSeconds()) - 86_400) * 1000);
    return (await client.search({ since }, { uid: true })) || [];
  }
  const found = (await client.search({ uid: `${mailbox.last_uid + 1}:*` }, { uid: true })) || [];
  // "n:*" also matches the highest UID when it is below n.
  return found.filter((uid) => uid > mailbox.last_uid);
}

/**
 * One sync pass: connects, reads the mail that arrived after the stored position, and hands
 * each mail to receiveMail in a transaction that also moves the position, so a crash at any
 * point neither loses a mail nor stores one twice. Never throws for the server's faults: they go
 * into the mailbox's status for Settings.
 */
export async function syncMailbox(rt: MailRuntime, mailboxId: number): Promise<SyncResult> {
  const mailbox = await findMailboxById(rt.db, mailboxId);
  if (!mailbox || mailbox.is_active !== 1) return { ok: true, taken: 0, more: false };
  const account = await findAccount(rt.db, mailbox.account_id);
  if (!account) return { ok: true, taken: 0, more: false };
  const ctx: Ctx = { db: rt.db, account, accountId: account.id, userId: 0, user: null, queue: rt.queue };
  let client: ImapFlow | undefined;
  try {
    client = await openImap(imapSettingsOf(mailbox, rt.secretKey), rt.options);
    const folder = await client.mailboxOpen(mailbox.imap_folder, { readOnly: true });
    const uidValidity = folder.uidValidity.toString();
    const uids = (await pendingUids(client, mailbox, uidValidity)).sort((a, b) => a - b);
    const batch = uids.slice(0, rt.options.batchSize);
    let taken = 0;
    for (let i = 0; i < batch.length; i += FETCH_CHUNK) {
      const range = batch.slice(i, i + FETCH_CHUNK);
      const messages = await client.fetchAll(
        range.join(','),
        { uid: true, source: { maxLength: MAX_SOURCE } },
        { uid: true },
      );
      messages.sort((a, b) => a.uid - b.uid);
      for (const message of messages) {
        const mail = await parseMail(
          message.source ?? Buffer.alloc(0),
          `${mailbox.id}.${uidValidity}.${message.uid}@voronka.invalid`,
        );
        await rt.db.transaction().execute(async (trx) => {
          const result = await receiveMail({ ...ctx, db: trx }, mailbox, mail, message.uid);
          await advanceLastUid(trx, mailbox.id, uidValidity, message.uid);
          if (result.kind !== 'duplicate' && result.kind !== 'skipped') taken += 1;
        });
      }
    }
    const last = batch.at(-1);
    await updateMailboxRow(rt.db, mailbox.account_id, mailbox.id, {
      status: 'ok',
      status_error: null,
      failures: 0,
      synced_at: nowSeconds(),
      uid_validity: uidValidity,
      ...(last === undefined && mailbox.uid_validity !== uidValidity ? { last_uid: folder.uidNext - 1 } : {}),
    });
    return { ok: true, taken, more: uids.length > batch.length };
  } catch (err) {
    const error = describeMailError(err);
    // The message only: an error object may carry the command that failed.
    rt.log.warn({ mailboxId: mailbox.id, error }, 'mailbox sync failed');
    await updateMailboxRow(rt.db, mailbox.account_id, mailbox.id, {
      status: 'error',
      status_error: error,
      failures: mailbox.failures + 1,
    });
    return { ok: false, error };
  } finally {
    if (client) await closeImap(client);
  }
}

/**
 * Sets the mailbox's next pass to `delayMs` from now, replacing a pass already waiting (one
 * waiting pass per mailbox at most: the singleton key).
 */
export async function scheduleSync(rt: MailRuntime, mailboxId: number, delayMs: number): Promise<void> {
  await rt.queue.cancelByKey(rt.db, syncKey(mailboxId));
  const id = await rt.queue.enqueue(
    rt.db,
    mailSyncJob,
    { mailboxId },
    {
      startAfterMs: delayMs,
      singletonKey: syncKey(mailboxId),
      cancelKey: syncKey(mailboxId),
      retryLimit: 5,
      retryDelayMs: 5_000,
      leaseMs: 10 * 60_000,
    },
  );
  if (id === null) return; // a pass is already waiting
  const next = nowSeconds() + Math.ceil(delayMs / 1000);
  await rt.db.updateTable('mailboxes').set({ next_sync_at: next }).where('id', '=', mailboxId).execute();
}

/** The sync job: one pass, then the next one after the poll interval or the back-off. */
export async function runSyncJob(rt: MailRuntime, mailboxId: number): Promise<void> {
  const result = await syncMailbox(rt, mailboxId);
  const mailbox = await findMailboxById(rt.db, mailboxId);
  if (!mailbox || mailbox.is_active !== 1) return;
  const delay = result.ok
    ? result.more
      ? 0
      : rt.options.pollIntervalMs
    : nextSyncDelay(rt.options, mailbox.failures);
  await scheduleSync(rt, mailboxId, delay);
}
