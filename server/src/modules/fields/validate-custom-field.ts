import { enumFieldTypes } from '@voronka/common';
import type { EntityType } from '../../db/types-crm.ts';
import type { FieldError } from '../../http/problem.ts';
import type { Ctx } from '../context.ts';
import { findGroup } from './field-groups.repo.ts';
import { codeTaken, pipelineHasStatus, type FieldWithEnums } from './fields.repo.ts';
import type { CustomFieldPatch } from './fields.schema.ts';
import { fieldTypeOf } from './parse-field-values.ts';

const MAX_SETTINGS = 10_000;
const choiceTypes = new Set(['select', 'multiselect', 'radiobutton']);

/**
 * Checks a field definition against the account: code free, group and required statuses exist,
 * enums only on enum types (and present on choice types), no type change, predefined fields keep
 * their code and options. `path` names the item, e.g. `0`.
 */
export async function validateFieldInput(
  ctx: Ctx,
  entityType: EntityType,
  input: CustomFieldPatch,
  path: string,
  existing?: FieldWithEnums,
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const at = (key: string) => (path ? `${path}.${key}` : key);
  const type = input.type ?? fieldTypeOf(existing?.type ?? 'text');
  if (existing && input.type !== undefined && input.type !== existing.type) {
    errors.push({ code: 'NotChangeable', path: at('type'), detail: 'A field keeps its type' });
  }
  if (existing?.is_predefined === 1) {
    if (input.code !== undefined && input.code !== existing.code) {
      errors.push({ code: 'NotChangeable', path: at('code'), detail: 'A predefined field keeps its code' });
    }
    if (input.enums !== undefined) {
      errors.push({
        code: 'NotChangeable',
        path: at('enums'),
        detail: 'A predefined field keeps its options',
      });
    }
  }
  if (
    input.code &&
    input.code !== existing?.code &&
    (await codeTaken(ctx.db, ctx.accountId, entityType, input.code))
  ) {
    errors.push({
      code: 'NotUnique',
      path: at('code'),
      detail: `Another field already has code ${input.code}`,
    });
  }
  if (input.group_id && !(await findGroup(ctx.db, ctx.accountId, entityType, input.group_id))) {
    errors.push({ code: 'NotFound', path: at('group_id'), detail: `No field group ${input.group_id}` });
  }
  for (const [i, s] of (input.required_statuses ?? []).entries()) {
    if (!(await pipelineHasStatus(ctx.db, ctx.accountId, s.pipeline_id, s.status_id))) {
      errors.push({
        code: 'NotFound',
        path: at(`required_statuses.${i}`),
        detail: `Pipeline ${s.pipeline_id} has no status ${s.status_id}`,
      });
    }
  }
  if (input.settings && JSON.stringify(input.settings).length > MAX_SETTINGS) {
    errors.push({
      code: 'TooLong',
      path: at('settings'),
      detail: `At most ${MAX_SETTINGS} characters of JSON`,
    });
  }
  const enums = input.enums ?? [];
  if (enums.length > 0 && !enumFieldTypes.includes(type)) {
    errors.push({ code: 'NotSupported', path: at('enums'), detail: `A ${type} field has no options` });
  }
  const willHaveEnums = input.enums !== undefined ? enums.length > 0 : (existing?.enums.length ?? 0) > 0;
  if (choiceTypes.has(type) && !willHaveEnums) {
    errors.push({ code: 'Required', path: at('enums'), detail: `A ${type} field needs at least one option` });
  }
  enums.forEach((e, i) => {
    if (e.id !== undefined && !existing?.enums.some((x) => x.id === e.id)) {
      errors.push({
        code: 'NotFound',
        path: at(`enums.${i}.id`),
        detail: `This field has no option ${e.id}`,
      });
    }
  });
  return errors;
}
