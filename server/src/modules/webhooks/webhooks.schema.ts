import { webhookActions, webhookFormats } from '@voronka/common';
import { z } from 'zod';

const destination = z.url({ protocol: /^https?$/, error: 'Must be an http(s) URL' }).max(2000);

export const subscribeSchema = z.object({
  destination,
  settings: z
    .array(z.enum(webhookActions))
    .min(1)
    .max(webhookActions.length)
    .transform((s) => [...new Set(s)]),
  sort: z.number().int().min(0).max(1_000_000).optional(),
  /** Voronka: 'json' delivers the same document as JSON instead of amoCRM's form encoding. */
  format: z.enum(webhookFormats).optional(),
  /** Voronka: the HMAC key of X-Voronka-Signature; generated when absent. */
  secret: z.string().min(16).max(200).optional(),
});
export type SubscribeInput = z.infer<typeof subscribeSchema>;

export const unsubscribeSchema = z.object({ destination });

export const webhookListQuerySchema = z.object({
  filter: z.object({ destination: z.string().max(2000).optional() }).optional(),
});
