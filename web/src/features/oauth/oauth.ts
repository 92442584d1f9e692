import { z } from 'zod';
import { apiRequest } from '../../app/api';
import { decodeWith } from '../../app/decode';

const clientSchema = z.object({ name: z.string(), redirect_host: z.string() });
export type OAuthClient = z.infer<typeof clientSchema>;

const grantSchema = z.object({ code: z.string(), redirect_to: z.string() });

export const oauthClientKey = (clientId: string) => ['oauth-client', clientId] as const;

export const fetchOAuthClient = (clientId: string) =>
  apiRequest(
    'GET',
    `/api/app/oauth/client?${new URLSearchParams({ client_id: clientId })}`,
    decodeWith(clientSchema),
  );

/** Grants the integration access: the server issues a code and names the URL to send the browser to. */
export const authorizeClient = (input: { client_id: string; state?: string }) =>
  apiRequest('POST', '/api/app/oauth/authorize', decodeWith(grantSchema), input);
