import { z } from 'zod';
import { languageSchema } from './languages.ts';

/** What GET /api/app/session, login and setup answer: who is signed in, in which account. */
export const sessionPayloadSchema = z.object({
  user: z.object({
    id: z.number(),
    name: z.string(),
    email: z.string(),
    lang: languageSchema,
    isAdmin: z.boolean(),
  }),
  account: z.object({
    id: z.number(),
    name: z.string(),
    subdomain: z.string(),
    currency: z.string(),
    timezone: z.string(),
    locale: languageSchema,
  }),
  csrfToken: z.string(),
});
export type SessionPayload = z.infer<typeof sessionPayloadSchema>;

export const setupInputSchema = z.object({
  accountName: z.string().trim().min(1).max(200),
  name: z.string().trim().min(1).max(200),
  email: z.email().max(320),
  password: z.string().min(8).max(200),
  locale: languageSchema,
});

export const loginInputSchema = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(200),
});
