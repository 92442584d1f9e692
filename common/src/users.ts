import { z } from 'zod';
import { languageSchema } from './languages.ts';

/** A user as Settings -> Users shows it (GET /api/app/users). */
export const appUserSchema = z.object({
  id: z.number(),
  name: z.string(),
  email: z.string(),
  lang: languageSchema,
  is_active: z.boolean(),
  is_admin: z.boolean(),
  role_id: z.number().nullable(),
  group_id: z.number().nullable(),
  created_at: z.number(),
});
export type AppUser = z.infer<typeof appUserSchema>;

/** A department (amoCRM's users group). */
export const userGroupSchema = z.object({ id: z.number(), name: z.string(), users_count: z.number() });
export type UserGroup = z.infer<typeof userGroupSchema>;

export const MIN_USER_PASSWORD = 8;
const name = z.string().trim().min(1).max(200);
const password = z.string().min(MIN_USER_PASSWORD).max(200);
const ref = z.number().int().positive().nullable();

export const userCreateSchema = z.object({
  name,
  email: z.email().max(320),
  password,
  lang: languageSchema.default('ru'),
  is_admin: z.boolean().default(false),
  role_id: ref.optional(),
  group_id: ref.optional(),
});
export type UserCreateInput = z.input<typeof userCreateSchema>;

export const userPatchSchema = z.object({
  name: name.optional(),
  email: z.email().max(320).optional(),
  lang: languageSchema.optional(),
  is_admin: z.boolean().optional(),
  is_active: z.boolean().optional(),
  role_id: ref.optional(),
  group_id: ref.optional(),
});
export type UserPatchInput = z.infer<typeof userPatchSchema>;

export const passwordResetSchema = z.object({ password });

export const userGroupInputSchema = z.object({ name: z.string().trim().min(1).max(100) });

/** What an administrator may change about the account (PATCH /api/app/account). */
export const accountPatchSchema = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  currency: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{3}$/, 'A three-letter ISO 4217 code, e.g. RUB')
    .transform((v) => v.toUpperCase())
    .optional(),
  timezone: z.string().trim().min(1).max(64).optional(),
  locale: languageSchema.optional(),
});
export type AccountPatchInput = z.input<typeof accountPatchSchema>;
