import { z } from 'zod';

/** Deal attributes a rule can name besides custom fields. */
export const builtinFields = [
  'price',
  'name',
  'contact',
  'contact_phone',
  'contact_email',
  'company',
  'responsible',
] as const;
export type BuiltinField = (typeof builtinFields)[number];

/** The built-in attributes' Russian names, for the refusals the web app shows. */
export const builtinNamesRu: Record<BuiltinField, string> = {
  price: 'Бюджет',
  name: 'Название сделки',
  contact: 'Контакт',
  contact_phone: 'Телефон контакта',
  contact_email: 'E-mail контакта',
  company: 'Компания',
  responsible: 'Ответственный',
};

/** A custom field by id, or a built-in attribute of the deal. */
export const fieldRefSchema = z.union([
  z.object({ field_id: z.number().int().positive() }),
  z.object({ builtin: z.enum(builtinFields) }),
]);
export type FieldRef = z.infer<typeof fieldRefSchema>;

export const conditionOps = ['eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'empty', 'not_empty'] as const;
export const conditionSchema = z.object({
  field: fieldRefSchema,
  op: z.enum(conditionOps),
  value: z
    .union([z.number(), z.string().max(1000), z.boolean()])
    .nullable()
    .optional(),
});
export type Condition = z.infer<typeof conditionSchema>;

const robot = { apply_to_robot: z.boolean().default(false) };

/** Fields a deal must have to enter the rule's stage (besides the fields' own required_statuses). */
export const requiredFieldsConfig = z.object({ fields: z.array(fieldRefSchema).min(1).max(50), ...robot });
/** Closing as lost in the rule's pipeline (every pipeline when it names none) needs a reason. */
export const lossReasonConfig = z.object({ ...robot });
/**
 * Every condition must hold for a deal in the rule's pipeline / stage (and with the tag, when it
 * names one) after any change by a user: seed 001 "a reanimation may not have a discount over 30%".
 */
export const validationConfig = z.object({
  tag: z.string().trim().max(255).nullable().optional(),
  conditions: z.array(conditionSchema).min(1).max(20),
  message: z.string().trim().max(500).default(''),
  ...robot,
});
/** A deal may stay at most `days` in the rule's stage; then the card is flagged and people told. */
export const stageLimitConfig = z.object({
  days: z.number().positive().max(3650),
  notify_responsible: z.boolean().default(true),
  notify_user_ids: z.array(z.number().int().positive()).max(50).default([]),
});
/**
 * Seed 001 reanimation: a deal of the rule's pipeline that has been there `min_days` and meets the
 * conditions (and has none of `exclude_tags`) may be closed with a reason and re-created in the
 * target stage with its contacts, company, fields and a link to the old one.
 */
export const reanimationConfig = z.object({
  min_days: z.number().min(0).max(3650).default(30),
  exclude_tags: z.array(z.string().trim().min(1).max(255)).max(50).default([]),
  conditions: z.array(conditionSchema).max(20).default([]),
  target_stage_id: z.number().int().positive(),
  loss_reason_required: z.boolean().default(true),
  tag: z.string().trim().max(255).nullable().optional(),
});

export const ruleConfigs = {
  required_fields: requiredFieldsConfig,
  loss_reason: lossReasonConfig,
  validation: validationConfig,
  stage_limit: stageLimitConfig,
  reanimation: reanimationConfig,
} as const;
export type RuleKind = keyof typeof ruleConfigs;
export const ruleKinds = Object.keys(ruleConfigs) as RuleKind[];

const base = {
  name: z.string().trim().max(255).default(''),
  pipeline_id: z.number().int().positive().nullable().default(null),
  stage_id: z.number().int().positive().nullable().default(null),
  is_active: z.boolean().default(true),
};

/** A rule as the API takes it: the kind decides the config's shape. */
export const ruleInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('required_fields'), ...base, config: requiredFieldsConfig }),
  z.object({ kind: z.literal('loss_reason'), ...base, config: lossReasonConfig }),
  z.object({ kind: z.literal('validation'), ...base, config: validationConfig }),
  z.object({ kind: z.literal('stage_limit'), ...base, config: stageLimitConfig }),
  z.object({ kind: z.literal('reanimation'), ...base, config: reanimationConfig }),
]);
export type RuleInput = z.infer<typeof ruleInputSchema>;
