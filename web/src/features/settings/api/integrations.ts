import { z } from 'zod';
import { apiRequest } from '../../../app/api';
import { decodeWith } from '../../../app/decode';

const integrationSchema = z.object({
  id: z.number(),
  name: z.string(),
  client_id: z.string(),
  redirect_uri: z.string(),
  created_at: z.number(),
  created_by: z.number(),
  revoked_at: z.number().nullable(),
});
export type Integration = z.infer<typeof integrationSchema>;

const createdIntegrationSchema = z.object({
  id: z.number(),
  client_id: z.string(),
  client_secret: z.string(),
});
export type CreatedIntegration = z.infer<typeof createdIntegrationSchema>;

export type CreateIntegrationInput = { name: string; redirect_uri: string };

export const integrationsKey = ['integrations'] as const;

export const fetchIntegrations = async (): Promise<Integration[]> =>
  (
    await apiRequest(
      'GET',
      '/api/app/integrations',
      decodeWith(z.object({ items: z.array(integrationSchema) })),
    )
  ).items;

export const createIntegration = (input: CreateIntegrationInput) =>
  apiRequest('POST', '/api/app/integrations', decodeWith(createdIntegrationSchema), input);

/**
 * The consent page an integration sends the user to (amoCRM's `/oauth?client_id=...&state=...`),
 * ending in `state=` for the integration to append its own value.
 */
export function consentUrl(origin: string, clientId: string): string {
  return `${origin}/oauth?client_id=${encodeURIComponent(clientId)}&state=`;
}
