import { z } from 'zod';
import { nowSeconds } from '../../../db/schema-helpers.ts';
import { randomToken, sha256 } from '../../../lib/crypto.ts';
import { writeFieldValues } from '../../fields/field-values.ts';
import { defineAction } from '../engine/define-action.ts';
import { publicBase } from '../engine/tokens.ts';

export const questionSchema = z.object({
  label: z.string().trim().min(1).max(500),
  /** The deal field the answer fills; without one it is kept in the feed note only. */
  field_id: z.number().int().positive().optional(),
  required: z.boolean().default(false),
  multiline: z.boolean().default(false),
});

export const questionnaireFormSchema = z.object({
  title: z.string().max(255).default(''),
  intro: z.string().max(5000).default(''),
  questions: z.array(questionSchema).min(1).max(50),
  /** Where the deal goes once answered (optional). */
  target_stage_id: z.number().int().positive().optional(),
});

/**
 * A personal questionnaire for the client: a public link (stored in a deal field, to send or
 * use in an email as {{deal.cf.<field>}}) to a form whose answers fill deal fields, move the deal
 * and raise "questionnaire answered".
 */
export default defineAction({
  type: 'questionnaire',
  input: questionnaireFormSchema.extend({ link_field_id: z.number().int().positive() }),
  async execute(input, { ctx, deal, trigger, runtime, render, say }) {
    const token = randomToken(24);
    const { link_field_id: linkField, ...form } = input;
    const rendered = { ...form, title: render(form.title), intro: render(form.intro) };
    await ctx.db
      .insertInto('automation_questionnaires')
      .values({
        account_id: ctx.accountId,
        deal_id: deal.id,
        trigger_id: trigger.row.id,
        token_hash: sha256(token),
        form_json: JSON.stringify(rendered),
        created_at: nowSeconds(),
      })
      .execute();
    const url = `${publicBase(runtime.publicUrl)}/q/${token}`;
    await writeFieldValues(ctx, 'leads', deal.id, [{ field_id: linkField, values: [{ value: url }] }]);
    return { summary: say('questionnaire', { url }), data: { url } };
  },
});
