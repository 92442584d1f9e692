import { z } from 'zod';

/**
 * Role rights are data (learnt from amoCRM and n8n scopes): per entity and action one level of
 * all / group / own / denied, plus per-pipeline and per-stage overrides for deals. The amoCRM API
 * shows the levels as letters A / G / M / D; Voronka stores and speaks the words.
 */
export const rightLevels = ['all', 'group', 'own', 'denied'] as const;
export type RightLevel = (typeof rightLevels)[number];

export const rightEntities = ['leads', 'contacts', 'companies', 'tasks'] as const;
export type RightEntity = (typeof rightEntities)[number];

export const rightActions = ['add', 'view', 'edit', 'delete', 'export'] as const;
export type RightAction = (typeof rightActions)[number];

/** What a per-pipeline or per-stage override may say about the deals there. */
export const stageActions = ['view', 'edit', 'delete', 'export', 'move_in', 'move_out'] as const;
export type StageAction = (typeof stageActions)[number];

export const levelLetter = { all: 'A', group: 'G', own: 'M', denied: 'D' } as const;
const words: Record<RightLevel | 'A' | 'G' | 'M' | 'D', RightLevel> = {
  all: 'all',
  group: 'group',
  own: 'own',
  denied: 'denied',
  A: 'all',
  G: 'group',
  M: 'own',
  D: 'denied',
};

/** A level in words or amoCRM's letter, read as words. */
export const rightLevelSchema = z
  .enum(['all', 'group', 'own', 'denied', 'A', 'G', 'M', 'D'])
  .transform((v): RightLevel => words[v]);

const entityRightsSchema = z
  .object({
    add: rightLevelSchema.optional(),
    view: rightLevelSchema.optional(),
    edit: rightLevelSchema.optional(),
    delete: rightLevelSchema.optional(),
    export: rightLevelSchema.optional(),
  })
  .strip();

const stageRightsSchema = z
  .object({
    view: rightLevelSchema.optional(),
    edit: rightLevelSchema.optional(),
    delete: rightLevelSchema.optional(),
    export: rightLevelSchema.optional(),
    move_in: rightLevelSchema.optional(),
    move_out: rightLevelSchema.optional(),
  })
  .strip();

export const statusRightSchema = z.object({
  entity_type: z.literal('leads').default('leads'),
  pipeline_id: z.number().int().positive(),
  /** A stage id, or 142 / 143 for the pipeline's won / lost stage. */
  status_id: z.number().int().positive(),
  rights: stageRightsSchema,
});

export const pipelineRightSchema = z.object({
  pipeline_id: z.number().int().positive(),
  rights: stageRightsSchema,
});

/** The rights document of a role (input side: words or letters, missing means "all"). */
export const roleRightsInputSchema = z
  .object({
    leads: entityRightsSchema.optional(),
    contacts: entityRightsSchema.optional(),
    companies: entityRightsSchema.optional(),
    tasks: entityRightsSchema.optional(),
    mail_access: z.boolean().optional(),
    catalog_access: z.boolean().optional(),
    /** Members of the role are account administrators (full rights, settings). */
    is_admin: z.boolean().optional(),
    status_rights: z.array(statusRightSchema).max(2000).nullable().optional(),
    /** Voronka extension: the default rights on every stage of a pipeline. */
    pipeline_rights: z.array(pipelineRightSchema).max(500).nullable().optional(),
  })
  .strip();
export type RoleRightsInput = z.infer<typeof roleRightsInputSchema>;

export type EntityRights = Record<RightAction, RightLevel>;
export type StageRights = Partial<Record<StageAction, RightLevel>>;
export type RoleRights = {
  leads: EntityRights;
  contacts: EntityRights;
  companies: EntityRights;
  tasks: EntityRights;
  mail_access: boolean;
  catalog_access: boolean;
  is_admin: boolean;
  status_rights: Array<{ entity_type: 'leads'; pipeline_id: number; status_id: number; rights: StageRights }>;
  pipeline_rights: Array<{ pipeline_id: number; rights: StageRights }>;
};

const fullEntity = (): EntityRights => ({
  add: 'all',
  view: 'all',
  edit: 'all',
  delete: 'all',
  export: 'all',
});

/** The complete rights of a role: every missing level is "all" (amoCRM's default role). */
export function normaliseRights(input: RoleRightsInput): RoleRights {
  const entity = (e: RoleRightsInput['leads']): EntityRights => {
    const out = fullEntity();
    for (const action of rightActions) {
      const level = e?.[action];
      if (level !== undefined) out[action] = level;
    }
    return out;
  };
  return {
    leads: entity(input.leads),
    contacts: entity(input.contacts),
    companies: entity(input.companies),
    tasks: entity(input.tasks),
    mail_access: input.mail_access ?? true,
    catalog_access: input.catalog_access ?? true,
    is_admin: input.is_admin ?? false,
    status_rights: (input.status_rights ?? []).map((s) => ({ ...s, rights: stageRights(s.rights) })),
    pipeline_rights: (input.pipeline_rights ?? []).map((p) => ({ ...p, rights: stageRights(p.rights) })),
  };
}

function stageRights(input: z.infer<typeof stageRightsSchema>): StageRights {
  const out: StageRights = {};
  for (const action of stageActions) {
    const level = input[action];
    if (level !== undefined) out[action] = level;
  }
  return out;
}

/** What the UI may offer on one card: the server refuses the rest. */
export const dealCanSchema = z.object({
  edit: z.boolean(),
  delete: z.boolean(),
  /** The card may leave its stage (drag it elsewhere). */
  move_out: z.boolean(),
});
export type DealCan = z.infer<typeof dealCanSchema>;

/** What the UI may offer on one board column. */
export const stageCanSchema = z.object({
  /** A card this user may drag may be dropped here (at least for some cards). */
  move_in: z.boolean(),
  add: z.boolean(),
});
export type StageCan = z.infer<typeof stageCanSchema>;
