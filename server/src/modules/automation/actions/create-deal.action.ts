import { z } from 'zod';
import { createDeal } from '../../deals/create-deal.ts';
import { listDealContacts } from '../../deals/deal-links.repo.ts';
import { readFieldValues } from '../../fields/field-values.ts';
import { findStage } from '../../pipelines/stages.repo.ts';
import { toStatusId } from '../../pipelines/status-ids.ts';
import { defineAction, PermanentActionError } from '../engine/define-action.ts';
import { resolveResponsible, responsibleSchema } from '../engine/distribution.ts';

/** A new deal from this one: into a pipeline and stage, copying chosen fields, contacts, company. */
export default defineAction({
  type: 'create_deal',
  input: z.object({
    stage_id: z.number().int().positive(),
    name: z.string().max(255).default('{{deal.name}}'),
    copy_budget: z.boolean().default(false),
    copy_field_ids: z.array(z.number().int().positive()).max(200).default([]),
    copy_contacts: z.boolean().default(true),
    copy_company: z.boolean().default(true),
    responsible: responsibleSchema,
  }),
  async execute(input, { ctx, deal, render, trigger, settings, say }) {
    const stage = await findStage(ctx.db, ctx.accountId, input.stage_id);
    if (!stage) throw new PermanentActionError(`Stage ${input.stage_id} no longer exists`);
    const responsible = await resolveResponsible(ctx, input.responsible, {
      dealResponsible: deal.responsible_user_id,
      triggerId: trigger.row.id,
      awayUserIds: settings.away_user_ids,
    });
    const values = (await readFieldValues(ctx.db, ctx.accountId, 'leads', [deal.id])).get(deal.id) ?? [];
    const copied = values
      .filter((v) => input.copy_field_ids.includes(v.field_id))
      .map((v) => ({ field_id: v.field_id, values: v.values }));
    const contacts = input.copy_contacts ? await listDealContacts(ctx.db, ctx.accountId, [deal.id]) : [];
    const created = await createDeal(ctx, {
      name: render(input.name).slice(0, 255),
      price: input.copy_budget ? deal.price : 0,
      pipeline_id: stage.pipeline_id,
      status_id: toStatusId(stage),
      responsible_user_id: responsible,
      ...(copied.length > 0 ? { custom_fields_values: copied } : {}),
      _embedded: {
        contacts: contacts.map((c) => ({ id: c.contact_id, is_main: c.is_main === 1 })),
        ...(input.copy_company && deal.company_id ? { companies: [{ id: deal.company_id }] } : {}),
      },
    });
    return {
      summary: say('dealCreated', { name: created.name }),
      data: { deal_id: created.id, assignee: responsible },
    };
  },
});
