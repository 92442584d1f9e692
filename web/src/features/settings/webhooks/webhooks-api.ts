import {
  appWebhookDeliveryListSchema,
  appWebhookListSchema,
  appWebhookSchema,
  type AppWebhookCreate,
  type AppWebhookPatch,
  type WebhookDeliveryStatus,
} from '@voronka/common';
import { apiRequest, noContent } from '../../../app/api';
import { decodeWith } from '../../../app/decode';

export type { AppWebhook, AppWebhookDelivery, WebhookAction } from '@voronka/common';

export const webhooksKey = ['settings', 'webhooks'] as const;
export const deliveriesKey = (id: number, status: WebhookDeliveryStatus | null) =>
  ['settings', 'webhooks', id, 'deliveries', status] as const;

export const fetchWebhooks = async () =>
  (await apiRequest('GET', '/api/app/webhooks', decodeWith(appWebhookListSchema))).items;

export const createWebhook = (input: AppWebhookCreate) =>
  apiRequest('POST', '/api/app/webhooks', decodeWith(appWebhookSchema), input);

export const updateWebhook = (id: number, patch: AppWebhookPatch) =>
  apiRequest('PATCH', `/api/app/webhooks/${id}`, decodeWith(appWebhookSchema), patch);

export const deleteWebhook = (id: number) => apiRequest('DELETE', `/api/app/webhooks/${id}`, noContent);

export function fetchDeliveries(id: number, status: WebhookDeliveryStatus | null, before: number | null) {
  const query = new URLSearchParams({ limit: '50' });
  if (status) query.set('status', status);
  if (before !== null) query.set('before', String(before));
  return apiRequest(
    'GET',
    `/api/app/webhooks/${id}/deliveries?${query.toString()}`,
    decodeWith(appWebhookDeliveryListSchema),
  );
}
