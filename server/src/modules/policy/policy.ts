import {
  normaliseRights,
  roleRightsInputSchema,
  type RightAction,
  type RightEntity,
  type RightLevel,
  type RoleRights,
  type StageAction,
  type StageRights,
} from '@voronka/common';
import type { Kysely } from 'kysely';
import type { DB, User } from '../../db/types.ts';
import type { Ctx } from '../context.ts';

/**
 * What one user may do, resolved once per request from the role's rights document (learnt from
 * n8n scopes + Outline policies): entity levels, the per-stage overrides of deals, and the users
 * of the group for "group" levels. The robot (automation, user 0) and administrators are
 * unrestricted.
 */
export type Policy = {
  userId: number;
  unrestricted: boolean;
  isAdmin: boolean;
  /** Users whose records a "group" level covers: the user's group, the user included. */
  groupUserIds: number[];
  rights: RoleRights;
  /** The merged pipeline and stage overrides of each stage that has any. */
  stageRights: Map<number, StageRights>;
};

/** A record as rights see it: who is responsible for it. */
export type Owned = { responsible_user_id: number | null };

const FULL = normaliseRights({});

/** A role's stored rights document, complete; an unreadable one grants the defaults. */
export function readRoleRights(text: string | null | undefined): RoleRights {
  if (!text) return FULL;
  try {
    const parsed = roleRightsInputSchema.safeParse(JSON.parse(text));
    return parsed.success ? normaliseRights(parsed.data) : FULL;
  } catch {
    return FULL;
  }
}

const unrestricted = (userId: number, isAdmin: boolean): Policy => ({
  userId,
  unrestricted: true,
  isAdmin,
  groupUserIds: [userId],
  rights: FULL,
  stageRights: new Map(),
});

/** The per-stage rights of a role: pipeline defaults, then the stage's own (142 / 143 by kind). */
async function stageRightsOf(
  db: Kysely<DB>,
  accountId: number,
  rights: RoleRights,
): Promise<Map<number, StageRights>> {
  const out = new Map<number, StageRights>();
  if (rights.pipeline_rights.length === 0 && rights.status_rights.length === 0) return out;
  const stages = await db
    .selectFrom('stages')
    .select(['id', 'pipeline_id', 'kind'])
    .where('account_id', '=', accountId)
    .execute();
  for (const stage of stages) {
    let merged: StageRights = {};
    for (const p of rights.pipeline_rights)
      if (p.pipeline_id === stage.pipeline_id) merged = { ...merged, ...p.rights };
    for (const s of rights.status_rights) {
      const fixed = s.status_id === 142 ? 'won' : s.status_id === 143 ? 'lost' : null;
      const hits = fixed
        ? s.pipeline_id === stage.pipeline_id && stage.kind === fixed
        : s.status_id === stage.id;
      if (hits) merged = { ...merged, ...s.rights };
    }
    if (Object.keys(merged).length > 0) out.set(stage.id, merged);
  }
  return out;
}

/** Loads the policy of a user (not cached; see policyOf). */
export async function loadPolicy(db: Kysely<DB>, accountId: number, user: User | null): Promise<Policy> {
  if (!user) return unrestricted(0, false);
  if (user.is_admin === 1) return unrestricted(user.id, true);
  const role =
    user.role_id === null
      ? undefined
      : await db
          .selectFrom('roles')
          .select('rights')
          .where('account_id', '=', accountId)
          .where('id', '=', user.role_id)
          .executeTakeFirst();
  const rights = readRoleRights(role?.rights);
  if (rights.is_admin) return unrestricted(user.id, true);
  const groupUserIds =
    user.group_id === null
      ? [user.id]
      : (
          await db
            .selectFrom('users')
            .select('id')
            .where('account_id', '=', accountId)
            .where('group_id', '=', user.group_id)
            .execute()
        ).map((r) => r.id);
  if (!groupUserIds.includes(user.id)) groupUserIds.push(user.id);
  return {
    userId: user.id,
    unrestricted: false,
    isAdmin: false,
    groupUserIds,
    rights,
    stageRights: await stageRightsOf(db, accountId, rights),
  };
}

const cache = new WeakMap<object, Promise<Policy>>();
const robotKey = {};

/** The acting user's policy, loaded once per request (the auth user object is the cache key). */
export function policyOf(ctx: Ctx): Promise<Policy> {
  const key = ctx.user ?? robotKey;
  let found = cache.get(key);
  if (!found) {
    found = loadPolicy(ctx.db, ctx.accountId, ctx.user);
    if (ctx.user) cache.set(key, found);
  }
  return found;
}

/** Forgets a cached policy (after the user's role or group changed within the request). */
export const forgetPolicy = (user: User): boolean => cache.delete(user);

/** Whether a level covers a record with this responsible user. */
export function levelAllows(policy: Policy, level: RightLevel, record: Owned): boolean {
  if (policy.unrestricted || level === 'all') return true;
  if (level === 'denied') return false;
  const owner = record.responsible_user_id;
  if (owner === null) return false;
  return level === 'own' ? owner === policy.userId : policy.groupUserIds.includes(owner);
}

/** The level of a deal action in a stage: the stage's override, else the role's deal rights. */
export function dealLevel(policy: Policy, action: StageAction, stageId: number): RightLevel {
  if (policy.unrestricted) return 'all';
  const o = policy.stageRights.get(stageId);
  if (action === 'move_in' || action === 'move_out')
    return o?.[action] ?? o?.edit ?? policy.rights.leads.edit;
  return o?.[action] ?? policy.rights.leads[action];
}

/** The level of an action on contacts, companies, tasks, or deals outside any stage. */
export const entityLevel = (policy: Policy, entity: RightEntity, action: RightAction): RightLevel =>
  policy.unrestricted ? 'all' : policy.rights[entity][action];

export const canDeal = (policy: Policy, action: StageAction, deal: Owned & { stage_id: number }): boolean =>
  levelAllows(policy, dealLevel(policy, action, deal.stage_id), deal);

export const canRecord = (policy: Policy, entity: RightEntity, action: RightAction, record: Owned) =>
  levelAllows(policy, entityLevel(policy, entity, action), record);

/** A new deal in a stage: the role's "add" and, when the stage says, its "move into". */
export function canAddDeal(policy: Policy, stageId: number, responsible: number | null): boolean {
  if (policy.unrestricted) return true;
  const record = { responsible_user_id: responsible };
  const o = policy.stageRights.get(stageId);
  if (!levelAllows(policy, policy.rights.leads.add, record)) return false;
  return o?.move_in === undefined || levelAllows(policy, o.move_in, record);
}

/**
 * Whether the stage's column is shown: a pipeline or stage override denying view hides it (and a
 * pipeline without a shown stage is absent); a role that sees no deals at all still sees empty
 * columns, so it can add deals where it may.
 */
export function stageVisible(policy: Policy, stageId: number): boolean {
  const view = policy.stageRights.get(stageId)?.view;
  return view === undefined || view !== 'denied';
}
