import { nowSeconds } from '../../db/schema-helpers.ts';
import { raiseDealSignal } from '../automation/raise-deal-signal.ts';
import { openDealOf } from '../calls/register-call.ts';
import { findContact } from '../contacts/contacts.repo.ts';
import type { Ctx } from '../context.ts';
import { findDeal } from '../deals/deals.repo.ts';
import { receiveIncomingLead } from '../inbox/receive-incoming-lead.ts';
import { withTransaction } from '../pipelines/with-transaction.ts';
import {
  findConversation,
  hasMessage,
  insertMessage,
  touchConversation,
  upsertConversation,
} from './conversations.repo.ts';

/** A message written to us in a messenger, channel-neutral. */
export type IncomingChatMessage = {
  /** The channel kind, e.g. `telegram`. */
  channel: string;
  /** The inbox source: one per bot / account on the channel. */
  sourceUid: string;
  sourceName: string;
  /** The chat on the channel's side (Telegram's chat id). */
  chatId: string;
  /** The message id on the channel's side: a redelivered message is stored once. */
  messageId: string;
  text: string;
  sentAt: number;
  sender: { id: string; name: string; username: string | null };
};

export type ReceivedChatMessage =
  | { kind: 'duplicate' }
  | { kind: 'inbox'; uid: string; dealId: number | null; conversationId: number; messageId: number }
  | { kind: 'known'; dealId: number; conversationId: number; messageId: number };

const CLIP = 20_000;
const titleOf = (s: IncomingChatMessage['sender']) => (s.username ? `${s.name} (@${s.username})` : s.name);

/**
 * A message from a messenger chat. A chat linked to a live contact is known: the message joins its
 * conversation on the contact's open deal (the chat's own deal while it is open, else the newest
 * open one) and raises the "incoming chat message" trigger there. A known contact without an open
 * deal, and any chat we have not met (or whose contact was declined and trashed), becomes an
 * incoming lead (category chats) whose proposed contact is the sender (name, @username); the chat
 * is linked to that contact and deal at once, so the next message finds them. Text is stored as
 * it came; every screen shows it escaped. Runs in the caller's transaction when there is one.
 */
export function receiveChatMessage(ctx: Ctx, message: IncomingChatMessage): Promise<ReceivedChatMessage> {
  return withTransaction(ctx, async (c) => {
    const { db, accountId } = c;
    const now = nowSeconds();
    const text = message.text.slice(0, CLIP);
    const existing = await findConversation(db, accountId, message.channel, message.chatId);
    if (existing && (await hasMessage(db, existing.id, 'in', message.messageId)))
      return { kind: 'duplicate' };
    const contact =
      existing?.contact_id != null ? await findContact(db, accountId, existing.contact_id) : undefined;
    const meta = JSON.stringify({ sender: message.sender, sent_at: message.sentAt });
    const store = async (conversationId: number, dealId: number | null) => {
      const stored = await insertMessage(db, {
        account_id: accountId,
        conversation_id: conversationId,
        deal_id: dealId,
        direction: 'in',
        external_id: message.messageId,
        author_user_id: null,
        text,
        meta,
        status: 'received',
        error: null,
        created_at: Math.min(message.sentAt || now, now),
      });
      if (!stored) throw new Error('message stored concurrently');
      return stored.id;
    };

    if (existing && contact) {
      const own = existing.deal_id === null ? undefined : await findDeal(db, accountId, existing.deal_id);
      const dealId =
        own && (own.stage_kind === 'open' || own.stage_kind === 'incoming')
          ? own.id
          : ((await openDealOf(c, contact.id))?.id ?? null);
      if (dealId !== null) {
        await touchConversation(db, accountId, existing.id, {
          deal_id: dealId,
          title: titleOf(message.sender),
          updated_at: now,
        });
        const messageId = await store(existing.id, dealId);
        await raiseDealSignal(c, dealId, 'incoming_chat');
        return { kind: 'known', dealId, conversationId: existing.id, messageId };
      }
    }

    const entry = await receiveIncomingLead(c, {
      category: 'chats',
      sourceUid: message.sourceUid,
      sourceName: message.sourceName,
      createdAt: Math.min(message.sentAt || now, now),
      contact: { name: message.sender.name.slice(0, 255) },
      knownContactId: contact?.id,
      metadata: {
        from: message.sender.username ? `@${message.sender.username}` : message.sender.name,
        origin: message.channel,
        client: { id: message.sender.id, name: message.sender.name },
        last_message_at: message.sentAt,
        source_name: message.sourceName,
      },
      extra: { message: text, username: message.sender.username },
    });
    const conversation = await upsertConversation(db, {
      account_id: accountId,
      channel: message.channel,
      external_id: message.chatId,
      title: titleOf(message.sender),
      contact_id: entry.contact_id,
      deal_id: entry.deal_id,
      now,
    });
    const messageId = await store(conversation.id, entry.deal_id);
    return {
      kind: 'inbox',
      uid: entry.uid,
      dealId: entry.deal_id,
      conversationId: conversation.id,
      messageId,
    };
  });
}
