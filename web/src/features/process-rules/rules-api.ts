import { z } from 'zod';
import { apiRequest, noContent } from '../../app/api';
import { decodeWith } from '../../app/decode';

/** Deal attributes a rule can name besides custom fields (the server's `builtinFields`). */
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

export const conditionOps = ['eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'empty', 'not_empty'] as const;
export type ConditionOp = (typeof conditionOps)[number];

export const ruleKinds = [
  'required_fields',
  'loss_reason',
  'validation',
  'stage_limit',
  'reanimation',
] as const;
export type RuleKind = (typeof ruleKinds)[number];

const fieldRef = z.union([z.object({ field_id: z.number() }), z.object({ builtin: z.enum(builtinFields) })]);
export type FieldRef = z.infer<typeof fieldRef>;

const condition = z.object({
  field: fieldRef,
  op: z.enum(conditionOps),
  value: z.union([z.number(), z.string(), z.boolean()]).nullable().optional(),
});
export type Condition = z.infer<typeof condition>;

/** The config of every kind, read leniently: a missing key falls back to the server's default. */
const configSchema = z.object({
  fields: z.array(fieldRef).optional(),
  apply_to_robot: z.boolean().optional(),
  tag: z.string().nullable().optional(),
  conditions: z.array(condition).optional(),
  message: z.string().optional(),
  days: z.number().optional(),
  notify_responsible: z.boolean().optional(),
  notify_user_ids: z.array(z.number()).optional(),
  min_days: z.number().optional(),
  exclude_tags: z.array(z.string()).optional(),
  target_stage_id: z.number().optional(),
  loss_reason_required: z.boolean().optional(),
});
export type RuleConfig = z.infer<typeof configSchema>;

const ruleSchema = z.object({
  id: z.number(),
  kind: z.enum(ruleKinds),
  name: z.string(),
  pipeline_id: z.number().nullable(),
  stage_id: z.number().nullable(),
  is_active: z.boolean(),
  config: configSchema,
  created_at: z.number(),
  updated_at: z.number(),
});
export type Rule = z.infer<typeof ruleSchema>;

export type RuleInput = {
  kind: RuleKind;
  name: string;
  pipeline_id: number | null;
  stage_id: number | null;
  is_active: boolean;
  config: RuleConfig;
};

export const rulesKey = ['process-rules'] as const;
export const fetchRules = async () =>
  (await apiRequest('GET', '/api/app/process-rules', decodeWith(z.object({ rules: z.array(ruleSchema) }))))
    .rules;
export const createRule = (input: RuleInput) =>
  apiRequest('POST', '/api/app/process-rules', decodeWith(ruleSchema), input);
export const updateRule = (id: number, input: RuleInput) =>
  apiRequest('PUT', `/api/app/process-rules/${id}`, decodeWith(ruleSchema), input);
export const deleteRule = (id: number) => apiRequest('DELETE', `/api/app/process-rules/${id}`, noContent);

/** A rule as the form sends it back, from a rule read from the server. */
export const inputOf = (rule: Rule, patch: Partial<RuleInput> = {}): RuleInput => ({
  kind: rule.kind,
  name: rule.name,
  pipeline_id: rule.pipeline_id,
  stage_id: rule.stage_id,
  is_active: rule.is_active,
  config: rule.config,
  ...patch,
});

const reanimationOption = z.object({
  rule_id: z.number(),
  name: z.string(),
  target_stage_id: z.number(),
  blockers: z.array(z.string()),
});
export type ReanimationOption = z.infer<typeof reanimationOption>;
const dealProcessSchema = z.object({
  options: z.array(reanimationOption),
  stage_limit: z.object({ days: z.number(), overdue_days: z.number().nullable() }).nullable().optional(),
});
export type DealProcess = z.infer<typeof dealProcessSchema>;

export const dealProcessKey = (id: number) => ['process-rules', 'deal', id] as const;
/** The reanimation rules that apply to the deal, and its stage's time limit. */
export const fetchDealProcess = (id: number) =>
  apiRequest('GET', `/api/app/deals/${id}/reanimation`, decodeWith(dealProcessSchema));
export const reanimate = (id: number, input: { rule_id: number; loss_reason_id?: number }) =>
  apiRequest(
    'POST',
    `/api/app/deals/${id}/reanimate`,
    decodeWith(z.object({ old_id: z.number(), new_id: z.number() })),
    input,
  );
