import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { toStatusId } from '../../pipelines/status-ids.ts';
import { toPhpForm } from '../../webhooks/php-form.ts';
import { defineAction } from '../engine/define-action.ts';
import { httpOut } from '../engine/http-out.ts';

/**
 * Calls a URL about the deal: amoCRM's digital-pipeline webhook (form-encoded
 * `leads[status][0][id]=..`, what existing amoCRM receivers parse) or a JSON document with the
 * deal and its fields. With a secret, the body is signed: `X-Signature: sha256=<hex HMAC>`.
 */
export default defineAction({
  type: 'send_webhook',
  external: true,
  usesModel: true,
  input: z.object({
    url: z.url({ protocol: /^https?$/ }).max(2000),
    format: z.enum(['amocrm', 'json']).default('amocrm'),
    secret: z.string().max(500).optional(),
  }),
  async execute(input, { ctx, deal, model, run, trigger, runtime, say }) {
    const statusId = toStatusId({ id: deal.stage_id, kind: deal.stage_kind });
    let body: string;
    let type: string;
    if (input.format === 'amocrm') {
      body = toPhpForm({
        leads: {
          status: [
            { id: deal.id, status_id: statusId, pipeline_id: deal.pipeline_id, old_status_id: statusId },
          ],
        },
        account: { id: ctx.accountId, subdomain: ctx.account.subdomain },
      });
      type = 'application/x-www-form-urlencoded';
    } else {
      body = JSON.stringify({
        event: 'automation.webhook',
        run_id: run.id,
        trigger_id: trigger.row.id,
        account: { id: ctx.accountId, subdomain: ctx.account.subdomain },
        deal: {
          id: deal.id,
          name: deal.name,
          price: deal.price,
          status_id: statusId,
          pipeline_id: deal.pipeline_id,
          responsible_user_id: deal.responsible_user_id,
          custom_fields: model.cf.deal,
        },
        contact: {
          id: model.raw.contactId,
          name: model.contact.name,
          phone: model.raw.contactPhone,
          email: model.raw.contactEmail,
        },
      });
      type = 'application/json';
    }
    const headers: Record<string, string> = { 'content-type': type, 'user-agent': 'Voronka-Automation/1' };
    if (input.secret)
      headers['x-signature'] = `sha256=${createHmac('sha256', input.secret).update(body).digest('hex')}`;
    const res = await httpOut(input.url, { method: 'POST', headers, body }, runtime.options.httpTimeoutMs);
    return {
      summary: say('webhookSent', { host: new URL(input.url).host, status: res.status }),
      data: { status: res.status },
    };
  },
});
