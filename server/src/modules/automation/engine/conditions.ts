import type { ConditionOp, ConditionRule, Conditions } from '@voronka/common';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/types.ts';
import type { DealRow } from '../../deals/deals.repo.ts';
import { readEntityTags } from '../../tags/entity-tags.ts';
import type { PlaceholderModel } from './placeholders.ts';

function compare(op: ConditionOp, actual: string[], expected: string | undefined): boolean {
  const want = (expected ?? '').trim().toLowerCase();
  const values = actual.map((a) => a.trim().toLowerCase()).filter((a) => a !== '');
  const num = (s: string) => (s === '' ? NaN : Number(s.replace(',', '.')));
  switch (op) {
    case 'empty':
      return values.length === 0;
    case 'not_empty':
      return values.length > 0;
    case 'equals':
      return values.some((v) => v === want || (!Number.isNaN(num(v)) && num(v) === num(want)));
    case 'not_equals':
      return !values.some((v) => v === want);
    case 'contains':
      return values.some((v) => v.includes(want));
    case 'greater':
      return values.some((v) => num(v) > num(want));
    case 'less':
      return values.some((v) => num(v) < num(want));
  }
}

/**
 * Whether the deal meets the trigger's conditions now (checked when the run is due, so a delayed
 * action sees the deal as it is then). No groups means no conditions.
 */
export async function conditionsMet(
  db: Kysely<DB>,
  deal: DealRow,
  loadModel: () => Promise<PlaceholderModel>,
  conditions: Conditions,
): Promise<boolean> {
  if (conditions.groups.length === 0) return true;
  let tags: string[] | undefined;
  const dealTags = async () =>
    (tags ??= ((await readEntityTags(db, deal.account_id, 'leads', [deal.id])).get(deal.id) ?? []).map((t) =>
      t.name.toLowerCase(),
    ));
  const rule = async (r: ConditionRule): Promise<boolean> => {
    switch (r.type) {
      case 'field': {
        const values = (await loadModel()).raw.dealFields
          .filter((v) => v.field_id === r.field_id)
          .map((v) => v.value_text ?? (v.value_num === null ? '' : String(v.value_num)));
        return compare(r.op, values, r.value);
      }
      case 'attribute':
        return compare(r.op, [deal[r.key] ?? ''], r.value);
      case 'budget':
        return (r.min === undefined || deal.price >= r.min) && (r.max === undefined || deal.price <= r.max);
      case 'responsible':
        return deal.responsible_user_id !== null && r.user_ids.includes(deal.responsible_user_id);
      case 'contact': {
        const { raw } = await loadModel();
        const has = (r.has === 'email' ? raw.contactEmail : raw.contactPhone) !== '';
        return r.negate ? !has : has;
      }
      case 'tags': {
        const own = await dealTags();
        const wanted = r.tags.map((t) => t.toLowerCase());
        if (r.mode === 'all') return wanted.every((t) => own.includes(t));
        if (r.mode === 'any') return wanted.some((t) => own.includes(t));
        return !wanted.some((t) => own.includes(t));
      }
    }
  };
  const groupResults: boolean[] = [];
  for (const g of conditions.groups) {
    const results: boolean[] = [];
    for (const r of g.rules) results.push(await rule(r));
    groupResults.push(
      results.length === 0 || (g.match === 'all' ? results.every(Boolean) : results.some(Boolean)),
    );
  }
  return conditions.match === 'all' ? groupResults.every(Boolean) : groupResults.some(Boolean);
}
