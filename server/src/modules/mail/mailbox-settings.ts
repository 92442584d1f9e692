import { openSecret } from '../../lib/secret-box.ts';
import type { Mailbox } from '../../db/types-email.ts';
import type { ImapSettings, SmtpSettings } from './imap-client.ts';

/** The stored connection settings with the passwords opened, for this process only. */
export const imapSettingsOf = (m: Mailbox, secretKey: string): ImapSettings => ({
  host: m.imap_host,
  port: m.imap_port,
  tls: m.imap_tls === 1,
  user: m.imap_user,
  password: openSecret(m.imap_password, secretKey),
});

export const smtpSettingsOf = (m: Mailbox, secretKey: string): SmtpSettings => ({
  host: m.smtp_host,
  port: m.smtp_port,
  tls: m.smtp_tls === 1,
  user: m.smtp_user,
  password: m.smtp_password ? openSecret(m.smtp_password, secretKey) : '',
});
