import { z } from 'zod';
import { apiRequest } from '../../app/api';
import { decodeWith } from '../../app/decode';

/** How a lead arrives, for auto-accept: the site's web forms, calls, mail, chats, the API. */
export const channels = ['forms', 'sip', 'mail', 'chats', 'api'] as const;
export type Channel = (typeof channels)[number];

export const distributionModes = ['none', 'user', 'round_robin', 'percentage', 'least_open'] as const;
export type DistributionMode = (typeof distributionModes)[number];

const ruleSchema = z.object({
  mode: z.enum(distributionModes),
  user_ids: z.array(z.number()),
  weights: z.array(z.number()),
  only_working: z.boolean(),
});
export type DistributionRule = z.infer<typeof ruleSchema>;
const pipelineRuleSchema = ruleSchema.extend({ pipeline_id: z.number() });

const autoAcceptSchema = z.object({
  pipeline_id: z.number(),
  channel: z.enum(channels),
  stage_id: z.number().nullable(),
  user_id: z.number().nullable(),
});
export type AutoAcceptRule = z.infer<typeof autoAcceptSchema>;

export const inboxSettingsKey = ['inbox', 'settings'] as const;

export const fetchDistributions = () =>
  apiRequest(
    'GET',
    '/api/app/inbox/distribution',
    decodeWith(z.object({ items: z.array(pipelineRuleSchema) })),
  );

export const saveDistribution = (pipelineId: number, rule: DistributionRule) =>
  apiRequest('PUT', `/api/app/inbox/distribution/${pipelineId}`, decodeWith(pipelineRuleSchema), rule);

export const fetchAutoAccept = () =>
  apiRequest('GET', '/api/app/inbox/auto-accept', decodeWith(z.object({ items: z.array(autoAcceptSchema) })));

/** Turns a channel's auto-accept on (into a stage, for a user or by distribution) or off (stage null). */
export const saveAutoAccept = (
  pipelineId: number,
  channel: Channel,
  body: { stage_id: number | null; user_id: number | null },
) =>
  apiRequest(
    'PUT',
    `/api/app/inbox/auto-accept/${pipelineId}/${channel}`,
    decodeWith(autoAcceptSchema),
    body,
  );

const sourceSchema = z.object({
  id: z.number(),
  category: z.enum(['forms', 'sip', 'chats', 'mail']),
  name: z.string(),
  pipeline_id: z.number().nullable(),
  auto_accept_stage_id: z.number().nullable(),
});
export type InboxSource = z.infer<typeof sourceSchema>;

/** The sources leads came from so far (each appears with its first lead). */
export const fetchSources = () =>
  apiRequest('GET', '/api/app/inbox/sources', decodeWith(z.object({ items: z.array(sourceSchema) })));

/** A source's own auto-accept stage (wins over the channel rule), or null to follow the channel rule. */
export const saveSourceStage = (id: number, stageId: number | null) =>
  apiRequest('PATCH', `/api/app/inbox/sources/${id}`, decodeWith(sourceSchema), {
    auto_accept_stage_id: stageId,
  });
