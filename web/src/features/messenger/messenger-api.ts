import { timelineMessageSchema, type CrmEntityType } from '@voronka/common';
import { z } from 'zod';
import { apiRequest, noContent } from '../../app/api';
import { decodeWith } from '../../app/decode';

export const telegramModes = ['webhook', 'polling'] as const;
export type TelegramMode = (typeof telegramModes)[number];

const telegramStatusSchema = z.union([
  z.object({ connected: z.literal(false), public_url_set: z.boolean() }),
  z.object({
    connected: z.literal(true),
    public_url_set: z.boolean(),
    mode: z.enum(telegramModes),
    bot: z.object({ id: z.number(), username: z.string(), name: z.string() }),
    token_hint: z.string(),
    webhook_url: z.string().nullable(),
    connected_at: z.number(),
    last_update_at: z.number().nullable(),
    error: z.string().nullable(),
    error_at: z.number().nullable(),
  }),
]);
export type TelegramStatus = z.infer<typeof telegramStatusSchema>;

export const telegramKey = ['app', 'messenger', 'telegram'] as const;
export const fetchTelegram = () =>
  apiRequest('GET', '/api/app/messenger/telegram', decodeWith(telegramStatusSchema));
export const saveTelegram = (input: { token?: string; mode: TelegramMode }) =>
  apiRequest('PUT', '/api/app/messenger/telegram', decodeWith(telegramStatusSchema), input);
export const disconnectTelegram = () => apiRequest('DELETE', '/api/app/messenger/telegram', noContent);

const conversationSchema = z.object({
  id: z.number(),
  channel: z.string(),
  title: z.string(),
  contact_id: z.number().nullable(),
  deal_id: z.number().nullable(),
  can_send: z.boolean(),
  updated_at: z.number(),
});
export type Conversation = z.infer<typeof conversationSchema>;

export const conversationsKey = (entityType: CrmEntityType, entityId: number) =>
  ['app', 'conversations', entityType, entityId] as const;
export const fetchConversations = (entityType: 'leads' | 'contacts', entityId: number) =>
  apiRequest(
    'GET',
    `/api/app/conversations?entity_type=${entityType}&entity_id=${entityId}`,
    decodeWith(z.object({ items: z.array(conversationSchema) })),
  );
export const sendMessage = (conversationId: number, text: string, dealId?: number) =>
  apiRequest('POST', `/api/app/conversations/${conversationId}/messages`, decodeWith(timelineMessageSchema), {
    text,
    ...(dealId ? { deal_id: dealId } : {}),
  });
