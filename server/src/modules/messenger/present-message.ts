import type { TimelineMessage } from '@voronka/common';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/types.ts';
import type { Message } from '../../db/types-inbox.ts';

const metaSchema = z
  .object({ sender: z.object({ name: z.string(), username: z.string().nullable() }).nullable().catch(null) })
  .catch({ sender: null });

const senderOf = (meta: string) => {
  try {
    return metaSchema.parse(JSON.parse(meta)).sender;
  } catch {
    return null;
  }
};

/** Messages as the card's feed shows them, with their conversation's channel. */
export async function presentMessages(
  db: Kysely<DB>,
  accountId: number,
  messages: Message[],
): Promise<TimelineMessage[]> {
  const ids = [...new Set(messages.map((m) => m.conversation_id))];
  const channels = new Map(
    ids.length === 0
      ? []
      : (
          await db
            .selectFrom('conversations')
            .select(['id', 'channel'])
            .where('account_id', '=', accountId)
            .where('id', 'in', ids)
            .execute()
        ).map((c) => [c.id, c.channel] as const),
  );
  return messages.map((m) => ({
    kind: 'message' as const,
    id: m.id,
    channel: channels.get(m.conversation_id) ?? 'unknown',
    conversation_id: m.conversation_id,
    direction: m.direction,
    text: m.text,
    status: m.status,
    error: m.error,
    author_user_id: m.author_user_id,
    sender: m.direction === 'in' ? senderOf(m.meta) : null,
    created_at: m.created_at,
  }));
}
