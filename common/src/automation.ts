import { z } from 'zod';

/** What fires a trigger. The `incoming_*` kinds are raised by the inbox, calls and forms. */
export const triggerWhenKinds = [
  'created',
  'moved_into',
  'created_or_moved',
  'responsible_changed',
  'field_changed',
  'incoming_email',
  'incoming_call',
  'incoming_chat',
  'incoming_form',
  'email_opened',
  'link_clicked',
  'questionnaire_answered',
  'date_field',
  'stayed_in_stage',
] as const;
export type TriggerWhenKind = (typeof triggerWhenKinds)[number];

/** Signals raised from outside the deal's own changes (see raiseDealSignal on the server). */
export const dealSignalKinds = [
  'incoming_email',
  'incoming_call',
  'incoming_chat',
  'incoming_form',
  'email_opened',
  'link_clicked',
  'questionnaire_answered',
] as const;
export type DealSignalKind = (typeof dealSignalKinds)[number];

const id = z.number().int().positive();

export const triggerWhenSchema = z
  .object({
    kind: z.enum(triggerWhenKinds),
    /** field_changed (optional: any field) and date_field (required). */
    field_id: id.optional(),
    /** date_field: minutes after (+) or before (-) the field's date-time. */
    offset_minutes: z.number().int().min(-525_600).max(525_600).optional(),
    /** stayed_in_stage: days in the stage. */
    days: z.number().int().min(1).max(365).optional(),
  })
  .superRefine((w, ctx) => {
    if (w.kind === 'date_field' && w.field_id === undefined)
      ctx.addIssue({ code: 'custom', path: ['field_id'], message: 'Choose the date field' });
    if (w.kind === 'stayed_in_stage' && w.days === undefined)
      ctx.addIssue({ code: 'custom', path: ['days'], message: 'Set the number of days' });
  });
export type TriggerWhen = z.infer<typeof triggerWhenSchema>;

export const delayKinds = ['immediately', 'after', 'working_time', 'time_of_day'] as const;
export const delaySchema = z
  .object({
    kind: z.enum(delayKinds),
    /** after: amount of unit. */
    amount: z.number().int().min(1).max(100_000).optional(),
    unit: z.enum(['minutes', 'hours', 'days']).optional(),
    /** time_of_day: after this many days (0 = today or the next such time)... */
    days: z.number().int().min(0).max(365).optional(),
    /** ...at this time of the account's time zone, `HH:MM`. */
    time: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
      .optional(),
  })
  .superRefine((d, ctx) => {
    if (d.kind === 'after' && (d.amount === undefined || d.unit === undefined))
      ctx.addIssue({ code: 'custom', path: ['amount'], message: 'Set the delay and its unit' });
    if (d.kind === 'time_of_day' && d.time === undefined)
      ctx.addIssue({ code: 'custom', path: ['time'], message: 'Set the time of day' });
  });
export type Delay = z.infer<typeof delaySchema>;

export const dealAttributeKeys = [
  'source',
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_content',
  'utm_term',
] as const;
const textOps = ['equals', 'not_equals', 'contains', 'greater', 'less', 'empty', 'not_empty'] as const;
export type ConditionOp = (typeof textOps)[number];

export const conditionRuleSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('field'),
    field_id: id,
    op: z.enum(textOps),
    value: z.string().max(1000).optional(),
  }),
  z.object({
    type: z.literal('tags'),
    mode: z.enum(['all', 'any', 'none']),
    tags: z.array(z.string().trim().min(1).max(255)).min(1).max(50),
  }),
  z.object({
    type: z.literal('budget'),
    min: z.number().min(0).optional(),
    max: z.number().min(0).optional(),
  }),
  z.object({ type: z.literal('responsible'), user_ids: z.array(id).min(1).max(200) }),
  z.object({
    type: z.literal('attribute'),
    key: z.enum(dealAttributeKeys),
    op: z.enum(textOps),
    value: z.string().max(1000).optional(),
  }),
  z.object({ type: z.literal('contact'), has: z.enum(['email', 'phone']), negate: z.boolean().optional() }),
]);
export type ConditionRule = z.infer<typeof conditionRuleSchema>;

/** AND/OR groups: `match` across groups, each group's own `match` across its rules. */
export const conditionsSchema = z.object({
  match: z.enum(['all', 'any']).default('all'),
  groups: z
    .array(
      z.object({ match: z.enum(['all', 'any']).default('all'), rules: z.array(conditionRuleSchema).max(50) }),
    )
    .max(20)
    .default([]),
});
export type Conditions = z.infer<typeof conditionsSchema>;

export const triggerInputSchema = z.object({
  name: z.string().trim().max(255).default(''),
  /** null: every stage of the pipeline. */
  stage_id: id.nullable(),
  when: triggerWhenSchema,
  delay: delaySchema.default({ kind: 'immediately' }),
  conditions: conditionsSchema.default({ match: 'all', groups: [] }),
  action: z.object({
    type: z.string().min(1).max(64),
    params: z.record(z.string(), z.unknown()).default({}),
  }),
  is_active: z.boolean().default(true),
  /** Still run a delayed action when the deal has left the stage (default: cancel, as amoCRM). */
  run_if_left: z.boolean().default(false),
  /** On save, also fire for the deals already in the stage. */
  apply_to_existing: z.boolean().default(false),
  sort: z.number().int().min(0).max(1_000_000).optional(),
});
export type TriggerInput = z.input<typeof triggerInputSchema>;

export const runStatuses = ['scheduled', 'retrying', 'done', 'skipped', 'cancelled', 'failed'] as const;
export type RunStatus = (typeof runStatuses)[number];

export const runSchema = z.object({
  id,
  trigger_id: id,
  deal_id: id,
  deal_name: z.string().nullable(),
  stage_id: id,
  signal: z.string(),
  status: z.enum(runStatuses),
  depth: z.number().int(),
  scheduled_at: z.number(),
  ran_at: z.number().nullable(),
  /** The app node (`host:pid`) that ran it; null until claimed. */
  ran_by: z.string().nullable(),
  attempts: z.number().int(),
  error: z.string().nullable(),
  result: z.record(z.string(), z.unknown()).nullable(),
});
export type AutomationRunOut = z.infer<typeof runSchema>;

export const triggerSchema = z.object({
  id,
  pipeline_id: id,
  stage_id: id.nullable(),
  name: z.string(),
  when: triggerWhenSchema,
  delay: delaySchema,
  conditions: conditionsSchema,
  action: z.object({ type: z.string(), params: z.record(z.string(), z.unknown()) }),
  is_active: z.boolean(),
  run_if_left: z.boolean(),
  apply_to_existing: z.boolean(),
  sort: z.number().int(),
  created_at: z.number(),
  updated_at: z.number(),
  /** Counts of this trigger's runs by status, and the latest error. */
  stats: z.object({
    scheduled: z.number().int(),
    done: z.number().int(),
    failed: z.number().int(),
    last_error: z.string().nullable(),
  }),
});
export type AutomationTriggerOut = z.infer<typeof triggerSchema>;

/** GET /api/app/automation/actions: each action's parameters as JSON Schema, for generated forms. */
export const actionCatalogSchema = z.array(
  z.object({ type: z.string(), external: z.boolean(), schema: z.record(z.string(), z.unknown()) }),
);
export type ActionCatalog = z.infer<typeof actionCatalogSchema>;

/** Per-account delivery settings; passwords are write-only (`has_password` on the way out). */
export const automationSettingsSchema = z.object({
  smtp: z
    .object({
      host: z.string().trim().min(1).max(255),
      port: z.number().int().min(1).max(65535),
      secure: z.boolean().default(false),
      user: z.string().max(255).optional(),
      password: z.string().max(500).optional(),
      from: z.string().trim().min(3).max(255),
    })
    .nullable()
    .default(null),
  sms: z
    .object({
      url: z.url().max(2000),
      method: z.enum(['POST', 'GET']).default('POST'),
      /** JSON body (POST) or query (GET) template: {{phone}} and {{text}} are filled in. */
      body: z.string().max(5000).default('{"to":"{{phone}}","text":"{{text}}"}'),
      token: z.string().max(1000).optional(),
    })
    .nullable()
    .default(null),
  ga4: z
    .object({
      measurement_id: z.string().trim().min(1).max(100),
      /** Empty on an update keeps the stored secret (the API never sends it back). */
      api_secret: z.string().trim().max(200).default(''),
      endpoint: z.url().max(2000).optional(),
    })
    .nullable()
    .default(null),
  /** Working schedule for "next working time": days 1 (Mon) .. 7 (Sun), HH:MM in the account time zone. */
  schedule: z
    .object({
      days: z.array(z.number().int().min(1).max(7)).max(7),
      from: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
      to: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
    })
    .default({ days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' }),
  /** Users marked as not working now: distributions with "only working users" skip them. */
  away_user_ids: z.array(id).max(1000).default([]),
});
export type AutomationSettings = z.infer<typeof automationSettingsSchema>;
