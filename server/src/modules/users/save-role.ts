import { normaliseRights, type RoleRightsInput } from '@voronka/common';
import { nowSeconds } from '../../db/schema-helpers.ts';
import { badRequest, notFound, type FieldError } from '../../http/problem.ts';
import type { Ctx } from '../context.ts';
import { recordEvents } from '../events/record-event.ts';
import { asBatchItem } from '../pipelines/errors.ts';
import { withTransaction } from '../pipelines/with-transaction.ts';
import { readRoleRights } from '../policy/policy.ts';
import type { RoleRow } from './roles.repo.ts';
import type { RoleCreateInput, RoleUpdateInput } from './roles.schema.ts';

/** Stage and pipeline overrides must name the account's own pipelines and stages. */
async function checkRights(ctx: Ctx, rights: RoleRightsInput, errors: FieldError[]): Promise<void> {
  const pipelines = new Set(
    (await ctx.db.selectFrom('pipelines').select('id').where('account_id', '=', ctx.accountId).execute()).map(
      (p) => p.id,
    ),
  );
  const stages = new Map(
    (
      await ctx.db
        .selectFrom('stages')
        .select(['id', 'pipeline_id'])
        .where('account_id', '=', ctx.accountId)
        .execute()
    ).map((s) => [s.id, s.pipeline_id]),
  );
  for (const [i, s] of (rights.status_rights ?? []).entries()) {
    const fixed = s.status_id === 142 || s.status_id === 143;
    if (!pipelines.has(s.pipeline_id) || (!fixed && stages.get(s.status_id) !== s.pipeline_id))
      errors.push({
        code: 'NotFound',
        path: `rights.status_rights.${i}`,
        detail: `Status ${s.status_id} of pipeline ${s.pipeline_id} not found`,
      });
  }
  for (const [i, p] of (rights.pipeline_rights ?? []).entries()) {
    if (!pipelines.has(p.pipeline_id))
      errors.push({
        code: 'NotFound',
        path: `rights.pipeline_rights.${i}`,
        detail: `Pipeline ${p.pipeline_id} not found`,
      });
  }
}

const roleEvent = (ctx: Ctx, id: number, before: unknown, after: unknown) =>
  recordEvents(ctx.db, [
    {
      accountId: ctx.accountId,
      type: 'role.changed',
      entityType: 'roles',
      entityId: id,
      createdBy: ctx.userId,
      before: before === null ? [] : [before],
      after: after === null ? [] : [after],
    },
  ]);

/** POST /api/v4/roles: roles with their rights (missing levels mean "all"); all or none. */
export function createRoles(ctx: Ctx, items: RoleCreateInput[]): Promise<RoleRow[]> {
  return withTransaction(ctx, async (c) => {
    const out: RoleRow[] = [];
    for (const [i, item] of items.entries()) {
      out.push(
        await asBatchItem(item.request_id ?? String(i), async () => {
          const errors: FieldError[] = [];
          await checkRights(c, item.rights ?? {}, errors);
          if (errors.length > 0) throw badRequest(errors);
          const now = nowSeconds();
          const rights = JSON.stringify(normaliseRights(item.rights ?? {}));
          const row = await c.db
            .insertInto('roles')
            .values({ account_id: c.accountId, name: item.name, rights, created_at: now, updated_at: now })
            .returning(['id', 'name', 'rights'])
            .executeTakeFirstOrThrow();
          await roleEvent(c, row.id, null, { name: row.name, rights: JSON.parse(rights) });
          return row;
        }),
      );
    }
    return out;
  });
}

/** PATCH /api/v4/roles/{id}: renames, and replaces the rights keys the input names. */
export function updateRole(ctx: Ctx, id: number, input: RoleUpdateInput): Promise<RoleRow> {
  return withTransaction(ctx, async (c) => {
    const role = await c.db
      .selectFrom('roles')
      .select(['id', 'name', 'rights'])
      .where('account_id', '=', c.accountId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!role) throw notFound('Role not found');
    const errors: FieldError[] = [];
    if (input.rights) await checkRights(c, input.rights, errors);
    if (errors.length > 0) throw badRequest(errors);
    const current = readRoleRights(role.rights);
    const next =
      input.rights === null
        ? normaliseRights({})
        : input.rights === undefined
          ? current
          : { ...current, ...definedKeys(normaliseRights(input.rights), input.rights) };
    const rights = JSON.stringify(next);
    const row = await c.db
      .updateTable('roles')
      .set({ name: input.name ?? role.name, rights, updated_at: nowSeconds() })
      .where('account_id', '=', c.accountId)
      .where('id', '=', id)
      .returning(['id', 'name', 'rights'])
      .executeTakeFirstOrThrow();
    await roleEvent(c, id, { name: role.name, rights: current }, { name: row.name, rights: next });
    return row;
  });
}

/** Only the top-level keys the input named, taken from the normalised document. */
function definedKeys<T extends object>(normalised: T, input: object): Partial<T> {
  const named = new Set(Object.keys(input));
  return Object.fromEntries(Object.entries(normalised).filter(([k]) => named.has(k))) as Partial<T>;
}

/**
 * DELETE /api/v4/roles/{id}. A role with users is refused: without a role a user has full rights,
 * so deleting a restrictive role must not silently widen its members' access.
 */
export function deleteRole(ctx: Ctx, id: number): Promise<void> {
  return withTransaction(ctx, async (c) => {
    const role = await c.db
      .selectFrom('roles')
      .select(['id', 'name', 'rights'])
      .where('account_id', '=', c.accountId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!role) throw notFound('Role not found');
    const members = await c.db
      .selectFrom('users')
      .select('id')
      .where('account_id', '=', c.accountId)
      .where('role_id', '=', id)
      .execute();
    if (members.length > 0)
      throw badRequest([
        {
          code: 'InUse',
          path: 'id',
          detail: `The role has ${members.length} user(s); give them another role first`,
        },
      ]);
    await c.db.deleteFrom('roles').where('account_id', '=', c.accountId).where('id', '=', id).execute();
    await roleEvent(c, id, { name: role.name, rights: readRoleRights(role.rights) }, null);
  });
}
