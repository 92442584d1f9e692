import { refuse } from '../pipelines/errors.ts';
import {
  closeImap,
  describeMailError,
  openImap,
  smtpTransport,
  type ImapSettings,
  type SmtpSettings,
} from './imap-client.ts';
import type { MailOptions } from './mail-runtime.ts';

export type Baseline = { uidValidity: string; lastUid: number };

/**
 * Logs in to both servers before anything is saved, so a typo is a clear 400 and not a mailbox
 * that silently never syncs. Returns the folder's position: mail older than the connection is
 * not imported as new leads.
 */
export async function verifyMailbox(
  imap: ImapSettings,
  folder: string,
  smtp: SmtpSettings,
  options: MailOptions,
): Promise<Baseline> {
  let baseline: Baseline;
  try {
    const client = await openImap(imap, options);
    try {
      const box = await client.mailboxOpen(folder, { readOnly: true });
      baseline = { uidValidity: box.uidValidity.toString(), lastUid: box.uidNext - 1 };
    } finally {
      await closeImap(client);
    }
  } catch (err) {
    throw refuse(`IMAP: ${describeMailError(err)}`, 'imap', 'ConnectionFailed');
  }
  const transport = smtpTransport(smtp, options);
  try {
    await transport.verify();
  } catch (err) {
    throw refuse(`SMTP: ${describeMailError(err)}`, 'smtp', 'ConnectionFailed');
  } finally {
    transport.close();
  }
  return baseline;
}
