import { z } from 'zod';

/** What a web form field asks for. */
export const formFieldTypes = ['text', 'textarea', 'phone', 'email', 'number', 'select', 'checkbox'] as const;
export type FormFieldType = (typeof formFieldTypes)[number];

/**
 * Where an answer goes when the lead is created: the contact's name, phone or e-mail, the
 * company's name, the deal's name or price, or nowhere but the entry and the deal's note.
 */
export const formFieldTargets = [
  'contact_name',
  'contact_phone',
  'contact_email',
  'company_name',
  'deal_name',
  'deal_price',
  'none',
] as const;
export type FormFieldTarget = (typeof formFieldTargets)[number];

export const formLanguages = ['ru', 'en', 'uk'] as const;
export type FormLanguage = (typeof formLanguages)[number];

const label = z.string().trim().min(1).max(200);

export const formFieldSchema = z.object({
  /** The input's name in the posted form: letters, digits and `_`. */
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'Use latin letters, digits and _'),
  label,
  type: z.enum(formFieldTypes),
  target: z.enum(formFieldTargets),
  required: z.boolean(),
  placeholder: z.string().trim().max(200).default(''),
  /** The choices of a select field. */
  options: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
});
export type FormField = z.infer<typeof formFieldSchema>;

const httpUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((v) => v === '' || /^https?:\/\/[^\s]+$/i.test(v), 'Use an http(s) address');

export const formSettingsSchema = z
  .object({
    fields: z.array(formFieldSchema).min(1).max(30),
    consent: z.object({ enabled: z.boolean(), text: z.string().trim().max(2000) }),
    submit_label: z.string().trim().max(100).default(''),
    success: z.object({
      mode: z.enum(['text', 'redirect']),
      text: z.string().trim().max(2000),
      redirect_url: httpUrl,
    }),
  })
  .refine((s) => new Set(s.fields.map((f) => f.key)).size === s.fields.length, {
    message: 'Field keys must be unique',
    path: ['fields'],
  })
  .refine((s) => s.success.mode !== 'redirect' || s.success.redirect_url !== '', {
    message: 'Give the address to redirect to',
    path: ['success', 'redirect_url'],
  })
  .refine((s) => !s.consent.enabled || s.consent.text !== '', {
    message: 'Give the consent text',
    path: ['consent', 'text'],
  })
  .refine((s) => s.fields.every((f) => f.type !== 'select' || f.options.length > 0), {
    message: 'A select field needs options',
    path: ['fields'],
  });
export type FormSettings = z.infer<typeof formSettingsSchema>;

export const webFormInputSchema = z.object({
  name: z.string().trim().min(1).max(200),
  lang: z.enum(formLanguages),
  pipeline_id: z.number().int().positive().nullable(),
  is_active: z.boolean(),
  settings: formSettingsSchema,
});
export type WebFormInput = z.infer<typeof webFormInputSchema>;

export const webFormSchema = webFormInputSchema.extend({
  id: z.number(),
  uid: z.string(),
  created_at: z.number(),
  updated_at: z.number(),
  /** Where the hosted page lives and the embed snippets. */
  links: z.object({ page: z.string(), script: z.string(), iframe: z.string() }),
});
export type WebForm = z.infer<typeof webFormSchema>;

/** UTM parameters a form submission carries from the page's address. */
export const utmKeys = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_content', 'utm_term'] as const;
