import { z } from 'zod';

const host = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .regex(/^[A-Za-z0-9.\-:[\]]+$/, 'A host name or IP address');
const port = z.number().int().min(1).max(65535);
const login = z.string().trim().min(1).max(320);
const password = z.string().min(1).max(1000);

export const mailboxInputSchema = z.object({
  name: z.string().trim().max(255).default(''),
  email: z.email().max(320),
  /** true: the signed-in manager's own mailbox; false: shared by the account (admins only). */
  personal: z.boolean().default(false),
  imap: z.object({
    host,
    port: port.default(993),
    tls: z.boolean().default(true),
    user: login,
    password,
    folder: z.string().trim().min(1).max(255).default('INBOX'),
  }),
  /** Without user and password, the IMAP ones are used. */
  smtp: z.object({
    host,
    port: port.default(465),
    tls: z.boolean().default(true),
    user: z.string().trim().max(320).optional(),
    password: password.optional(),
  }),
});
export type MailboxInput = z.infer<typeof mailboxInputSchema>;

/** A change; passwords left out stay as they are. */
export const mailboxPatchSchema = z.object({
  name: z.string().trim().max(255).optional(),
  email: z.email().max(320).optional(),
  is_active: z.boolean().optional(),
  imap: z
    .object({
      host: host.optional(),
      port: port.optional(),
      tls: z.boolean().optional(),
      user: login.optional(),
      password: password.optional(),
      folder: z.string().trim().min(1).max(255).optional(),
    })
    .optional(),
  smtp: z
    .object({
      host: host.optional(),
      port: port.optional(),
      tls: z.boolean().optional(),
      user: z.string().trim().max(320).optional(),
      password: password.optional(),
    })
    .optional(),
});
export type MailboxPatch = z.infer<typeof mailboxPatchSchema>;

/** A mailbox as the API shows it: never a password, only whether one is set. */
export const mailboxOutSchema = z.object({
  id: z.number(),
  name: z.string(),
  email: z.string(),
  personal: z.boolean(),
  user_id: z.number().nullable(),
  imap: z.object({
    host: z.string(),
    port: z.number(),
    tls: z.boolean(),
    user: z.string(),
    folder: z.string(),
  }),
  smtp: z.object({ host: z.string(), port: z.number(), tls: z.boolean(), user: z.string() }),
  has_password: z.boolean(),
  is_active: z.boolean(),
  status: z.enum(['ok', 'connecting', 'error', 'paused']),
  status_error: z.string().nullable(),
  failures: z.number(),
  synced_at: z.number().nullable(),
  next_sync_at: z.number().nullable(),
  can_edit: z.boolean(),
});
export type MailboxOut = z.infer<typeof mailboxOutSchema>;

const address = z.email().max(320);

export const sendMailSchema = z.object({
  mailbox_id: z.number().int().positive().optional(),
  to: z.array(address).min(1).max(20),
  cc: z.array(address).max(20).optional(),
  /** Default for a reply: "Re: " and the replied mail's subject. */
  subject: z.string().trim().max(998).optional(),
  text: z.string().trim().min(1).max(100_000),
  reply_to_mail_id: z.number().int().positive().optional(),
});
export type SendMailInput = z.infer<typeof sendMailSchema>;

const addressOut = z.object({ email: z.string(), name: z.string() });

export const mailMessageOutSchema = z.object({
  id: z.number(),
  mailbox_id: z.number(),
  direction: z.enum(['in', 'out']),
  message_id: z.string(),
  in_reply_to: z.string().nullable(),
  thread_id: z.string(),
  from: addressOut,
  to: z.array(addressOut),
  cc: z.array(addressOut),
  subject: z.string(),
  text: z.string(),
  /** As it arrived: show it only in a sandboxed frame (the web app does). */
  html: z.string().nullable(),
  attachments: z.array(z.object({ filename: z.string(), content_type: z.string(), size: z.number() })),
  deal_id: z.number().nullable(),
  status: z.enum(['received', 'queued', 'sent', 'failed']),
  error: z.string().nullable(),
  author_user_id: z.number(),
  sent_at: z.number(),
});
export type MailMessageOut = z.infer<typeof mailMessageOutSchema>;

/** GET /api/app/deals/:id/mail: the deal's mail, newest first, and its contacts' addresses. */
export const dealMailSchema = z.object({
  mail: z.array(mailMessageOutSchema),
  suggested_to: z.array(z.string()),
});
export type DealMail = z.infer<typeof dealMailSchema>;
