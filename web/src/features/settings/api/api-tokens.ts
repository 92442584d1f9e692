import { z } from 'zod';
import { apiRequest, noContent } from '../../../app/api';
import { decodeWith } from '../../../app/decode';

/** The server's limit: from 1 day to 5 years. */
export const MAX_TOKEN_DAYS = 1825;
export const DEFAULT_TOKEN_DAYS = 365;

const apiTokenSchema = z.object({
  id: z.number(),
  name: z.string(),
  user_id: z.number(),
  created_at: z.number(),
  expires_at: z.number(),
  last_used_at: z.number().nullable(),
  revoked_at: z.number().nullable(),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

const createdTokenSchema = z.object({ id: z.number(), token: z.string(), expires_at: z.number() });
export type CreatedToken = z.infer<typeof createdTokenSchema>;

export type CreateTokenInput = { name: string; days: number };

export type TokenStatus = 'active' | 'expired' | 'revoked';

export const apiTokensKey = ['api-tokens'] as const;

export const fetchApiTokens = async (): Promise<ApiToken[]> =>
  (await apiRequest('GET', '/api/app/api-tokens', decodeWith(z.object({ items: z.array(apiTokenSchema) }))))
    .items;

export const createApiToken = (input: CreateTokenInput) =>
  apiRequest('POST', '/api/app/api-tokens', decodeWith(createdTokenSchema), input);

export const revokeApiToken = (id: number) => apiRequest('DELETE', `/api/app/api-tokens/${id}`, noContent);

export function tokenStatus(token: ApiToken, nowSeconds: number): TokenStatus {
  if (token.revoked_at !== null) return 'revoked';
  return token.expires_at <= nowSeconds ? 'expired' : 'active';
}
