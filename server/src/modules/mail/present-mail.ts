import type { MailMessageOut } from '@voronka/common';
import { z } from 'zod';
import type { MailMessage } from '../../db/types-email.ts';

const addresses = z.array(z.object({ email: z.string(), name: z.string() }));
const attachments = z.array(z.object({ filename: z.string(), content_type: z.string(), size: z.number() }));

export const presentMail = (m: MailMessage): MailMessageOut => ({
  id: m.id,
  mailbox_id: m.mailbox_id,
  direction: m.direction,
  message_id: m.message_id,
  in_reply_to: m.in_reply_to,
  thread_id: m.thread_id,
  from: { email: m.from_email, name: m.from_name },
  to: addresses.parse(JSON.parse(m.to_list)),
  cc: addresses.parse(JSON.parse(m.cc_list)),
  subject: m.subject,
  text: m.text_body,
  html: m.html_body,
  attachments: attachments.parse(JSON.parse(m.attachments)),
  deal_id: m.deal_id,
  status: m.status,
  error: m.error,
  author_user_id: m.author_user_id,
  sent_at: m.sent_at,
});
