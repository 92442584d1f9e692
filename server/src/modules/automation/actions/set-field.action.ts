import { z } from 'zod';
import { updateDeal } from '../../deals/update-deal.ts';
import { writeFieldValues } from '../../fields/field-values.ts';
import { evaluateArithmetic } from '../engine/arithmetic.ts';
import { defineAction, PermanentActionError } from '../engine/define-action.ts';
import { lookup } from '../engine/placeholders.ts';

/**
 * Sets a deal field (or the budget) to a text with placeholders, or to a formula computed on
 * fields, e.g. cash on delivery = `{{deal.budget}} - {{deal.cf.prepayment}}` (empty counts as 0).
 */
export default defineAction({
  type: 'set_field',
  input: z
    .object({
      /** A custom field id, or omitted for the budget. */
      field_id: z.number().int().positive().optional(),
      value: z.string().max(10_000).optional(),
      formula: z.string().max(1000).optional(),
    })
    .refine((v) => (v.value === undefined) !== (v.formula === undefined), {
      message: 'Give either a value or a formula',
    }),
  async execute(input, { ctx, deal, render, model, say }) {
    let value: string | number;
    if (input.formula !== undefined) {
      const expression = input.formula.replace(/\{\{\s*([^}]+?)\s*\}\}/g, (_m, path: string) => {
        const v = lookup(model, path).replace(/\s/g, '').replace(',', '.');
        if (v === '') return '0';
        if (!/^-?\d+(\.\d+)?$/.test(v)) throw new PermanentActionError(`{{${path}}} is not a number: ${v}`);
        return `(${v})`;
      });
      try {
        value = evaluateArithmetic(expression);
      } catch (err) {
        throw new PermanentActionError(err instanceof Error ? err.message : String(err));
      }
    } else {
      value = render(input.value ?? '');
    }
    if (input.field_id === undefined) {
      const price = Math.max(0, Math.round(Number(value)));
      if (!Number.isFinite(price))
        throw new PermanentActionError(`The budget must be a number, got ${value}`);
      await updateDeal(ctx, deal.id, { price });
      return { summary: say('budgetSet', { value: price }), data: { value: price } };
    }
    await writeFieldValues(ctx, 'leads', deal.id, [
      { field_id: input.field_id, values: value === '' ? null : [{ value }] },
    ]);
    const field = await ctx.db
      .selectFrom('custom_fields')
      .select('name')
      .where('account_id', '=', ctx.accountId)
      .where('id', '=', input.field_id)
      .executeTakeFirst();
    return {
      summary: say('fieldSet', { field: field?.name ?? `#${input.field_id}`, value }),
      data: { field_id: input.field_id, value },
    };
  },
});
