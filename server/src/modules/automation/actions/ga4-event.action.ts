import { z } from 'zod';
import { defineAction, PermanentActionError } from '../engine/define-action.ts';
import { httpOut } from '../engine/http-out.ts';

/**
 * A Google Analytics 4 event through the Measurement Protocol (`/mp/collect`), with the deal's
 * budget as `value`. The client id comes from a deal field (the site's `_ga` cookie, saved by the
 * form) or falls back to the deal id. The endpoint is configurable (Settings), for EU routing and tests.
 */
export default defineAction({
  type: 'ga4_event',
  external: true,
  usesModel: true,
  input: z.object({
    event_name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/, 'Letters, digits and _, up to 40'),
    client_id_field_id: z.number().int().positive().optional(),
    currency: z.string().length(3).optional(),
  }),
  async execute(input, { ctx, deal, model, settings, runtime, say }) {
    const ga = settings.ga4;
    if (!ga) throw new PermanentActionError('GA4 is not set up: Settings → digital pipeline');
    const fromField = input.client_id_field_id ? model.cf.deal[String(input.client_id_field_id)] : undefined;
    const clientId = fromField || `${deal.id}.${deal.created_at}`;
    const endpoint = (ga.endpoint ?? 'https://www.google-analytics.com/mp/collect').replace(/\/$/, '');
    const url = `${endpoint}?measurement_id=${encodeURIComponent(ga.measurement_id)}&api_secret=${encodeURIComponent(ga.api_secret)}`;
    const body = JSON.stringify({
      client_id: clientId,
      events: [
        {
          name: input.event_name,
          params: {
            value: deal.price,
            currency: input.currency ?? ctx.account.currency,
            deal_id: String(deal.id),
            pipeline: model.deal.pipeline,
            stage: model.deal.stage,
            ...(deal.utm_source ? { source: deal.utm_source } : {}),
            ...(deal.utm_campaign ? { campaign: deal.utm_campaign } : {}),
          },
        },
      ],
    });
    await httpOut(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body },
      runtime.options.httpTimeoutMs,
    );
    return { summary: say('ga4Event', { name: input.event_name }), data: { client_id: clientId } };
  },
});
