import { z } from 'zod';
import { defineJob } from '../../jobs/queue.ts';

/** One sync pass of a mailbox; each pass enqueues the next (see syncMailbox). */
export const mailSyncJob = defineJob('mail.sync', z.object({ mailboxId: z.number().int().positive() }));

/** Sends one outgoing mail over the mailbox's SMTP. */
export const mailSendJob = defineJob('mail.send', z.object({ mailId: z.number().int().positive() }));

export const syncKey = (mailboxId: number) => `mailbox:${mailboxId}`;
