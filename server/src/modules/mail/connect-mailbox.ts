import type { MailboxInput, MailboxOut, MailboxPatch } from '@voronka/common';
import { nowSeconds } from '../../db/schema-helpers.ts';
import type { Mailbox } from '../../db/types-email.ts';
import { forbidden, notFound } from '../../http/problem.ts';
import { sealSecret } from '../../lib/secret-box.ts';
import type { Ctx } from '../context.ts';
import { mailSyncJob, syncKey } from './mail-jobs.ts';
import { mailOptions } from './mail-runtime.ts';
import { imapSettingsOf, smtpSettingsOf } from './mailbox-settings.ts';
import { deleteMailboxRow, findMailbox, insertMailbox, updateMailboxRow } from './mailboxes.repo.ts';
import { verifyMailbox } from './verify-mailbox.ts';

const isAdmin = (ctx: Ctx) => ctx.user?.is_admin === 1;

/** Admins manage every mailbox; a manager only their own. */
export const canEditMailbox = (ctx: Ctx, m: Pick<Mailbox, 'user_id'>) =>
  isAdmin(ctx) || m.user_id === ctx.userId;

export const presentMailbox = (ctx: Ctx, m: Mailbox): MailboxOut => ({
  id: m.id,
  name: m.name,
  email: m.email,
  personal: m.user_id !== null,
  user_id: m.user_id,
  imap: {
    host: m.imap_host,
    port: m.imap_port,
    tls: m.imap_tls === 1,
    user: m.imap_user,
    folder: m.imap_folder,
  },
  smtp: { host: m.smtp_host, port: m.smtp_port, tls: m.smtp_tls === 1, user: m.smtp_user },
  has_password: m.imap_password !== '',
  is_active: m.is_active === 1,
  status: m.is_active === 1 ? m.status : 'paused',
  status_error: m.status_error,
  failures: m.failures,
  synced_at: m.synced_at,
  next_sync_at: m.next_sync_at,
  can_edit: canEditMailbox(ctx, m),
});

async function firstSync(ctx: Ctx, mailboxId: number) {
  await ctx.queue?.enqueue(
    ctx.db,
    mailSyncJob,
    { mailboxId },
    {
      startAfterMs: mailOptions().pollIntervalMs,
      singletonKey: syncKey(mailboxId),
      cancelKey: syncKey(mailboxId),
    },
  );
}

/** Connects a mailbox after logging in to its IMAP and SMTP servers; passwords are stored sealed. */
export async function connectMailbox(ctx: Ctx, secretKey: string, input: MailboxInput): Promise<Mailbox> {
  if (!input.personal && !isAdmin(ctx)) throw forbidden('Only an administrator can connect a shared mailbox');
  const imap = { ...input.imap };
  const smtp = {
    host: input.smtp.host,
    port: input.smtp.port,
    tls: input.smtp.tls,
    user: input.smtp.user ?? imap.user,
    password: input.smtp.password ?? (input.smtp.user ? '' : imap.password),
  };
  const baseline = await verifyMailbox(imap, imap.folder, smtp, mailOptions());
  const now = nowSeconds();
  return ctx.db.transaction().execute(async (trx) => {
    const mailbox = await insertMailbox(trx, {
      account_id: ctx.accountId,
      user_id: input.personal ? ctx.userId : null,
      name: input.name || input.email,
      email: input.email.toLowerCase(),
      imap_host: imap.host,
      imap_port: imap.port,
      imap_tls: imap.tls ? 1 : 0,
      imap_user: imap.user,
      imap_password: sealSecret(imap.password, secretKey),
      imap_folder: imap.folder,
      smtp_host: smtp.host,
      smtp_port: smtp.port,
      smtp_tls: smtp.tls ? 1 : 0,
      smtp_user: smtp.user,
      smtp_password: smtp.password ? sealSecret(smtp.password, secretKey) : '',
      status: 'ok',
      status_error: null,
      synced_at: now,
      next_sync_at: now + Math.ceil(mailOptions().pollIntervalMs / 1000),
      uid_validity: baseline.uidValidity,
      last_uid: baseline.lastUid,
      created_by: ctx.userId,
      created_at: now,
      updated_at: now,
    });
    await firstSync({ ...ctx, db: trx }, mailbox.id);
    return mailbox;
  });
}

async function editable(ctx: Ctx, id: number): Promise<Mailbox> {
  const mailbox = await findMailbox(ctx.db, ctx.accountId, id);
  if (!mailbox || (mailbox.user_id !== null && mailbox.user_id !== ctx.userId && !isAdmin(ctx)))
    throw notFound('Mailbox not found');
  if (!canEditMailbox(ctx, mailbox)) throw forbidden('Only an administrator can change a shared mailbox');
  return mailbox;
}

/**
 * Changes a mailbox; new connection settings are checked by logging in again, and a different
 * server, login or folder starts from that folder's current position.
 */
export async function updateMailbox(
  ctx: Ctx,
  secretKey: string,
  id: number,
  patch: MailboxPatch,
): Promise<Mailbox> {
  const m = await editable(ctx, id);
  const imap = { ...imapSettingsOf(m, secretKey), folder: m.imap_folder, ...patch.imap };
  const oldSmtp = smtpSettingsOf(m, secretKey);
  const smtp = { ...oldSmtp, ...patch.smtp };
  const connectionChanged = patch.imap !== undefined || patch.smtp !== undefined;
  const moved = imap.host !== m.imap_host || imap.user !== m.imap_user || imap.folder !== m.imap_folder;
  const baseline = connectionChanged ? await verifyMailbox(imap, imap.folder, smtp, mailOptions()) : null;
  const now = nowSeconds();
  const reactivated = patch.is_active === true && m.is_active !== 1;
  await ctx.db.transaction().execute(async (trx) => {
    await updateMailboxRow(trx, ctx.accountId, id, {
      ...(patch.name !== undefined ? { name: patch.name || (patch.email ?? m.email) } : {}),
      ...(patch.email !== undefined ? { email: patch.email.toLowerCase() } : {}),
      ...(patch.is_active !== undefined ? { is_active: patch.is_active ? 1 : 0 } : {}),
      ...(patch.imap
        ? {
            imap_host: imap.host,
            imap_port: imap.port,
            imap_tls: imap.tls ? 1 : 0,
            imap_user: imap.user,
            imap_folder: imap.folder,
            ...(patch.imap.password ? { imap_password: sealSecret(patch.imap.password, secretKey) } : {}),
          }
        : {}),
      ...(patch.smtp
        ? {
            smtp_host: smtp.host,
            smtp_port: smtp.port,
            smtp_tls: smtp.tls ? 1 : 0,
            smtp_user: smtp.user,
            ...(patch.smtp.password ? { smtp_password: sealSecret(patch.smtp.password, secretKey) } : {}),
          }
        : {}),
      ...(baseline ? { status: 'ok' as const, status_error: null, failures: 0 } : {}),
      ...(baseline && moved ? { uid_validity: baseline.uidValidity, last_uid: baseline.lastUid } : {}),
      updated_at: now,
    });
    if (reactivated || baseline) await firstSync({ ...ctx, db: trx }, id);
  });
  const updated = await findMailbox(ctx.db, ctx.accountId, id);
  if (!updated) throw notFound('Mailbox not found');
  return updated;
}

/** Disconnects a mailbox; its mail stays on the deals' timelines. The pending sync ends itself. */
export async function disconnectMailbox(ctx: Ctx, id: number): Promise<void> {
  await editable(ctx, id);
  await deleteMailboxRow(ctx.db, ctx.accountId, id);
}

/** "Sync now": a pass at once (unless one is already waiting to start). */
export async function requestSync(ctx: Ctx, id: number): Promise<void> {
  const m = await findMailbox(ctx.db, ctx.accountId, id);
  if (!m || (m.user_id !== null && m.user_id !== ctx.userId && !isAdmin(ctx)))
    throw notFound('Mailbox not found');
  if (!ctx.queue) return;
  await ctx.queue.cancelByKey(ctx.db, syncKey(id));
  await ctx.queue.enqueue(
    ctx.db,
    mailSyncJob,
    { mailboxId: id },
    { singletonKey: syncKey(id), cancelKey: syncKey(id) },
  );
}
