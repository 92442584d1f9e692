import { z } from 'zod';
import { defineAction, PermanentActionError } from '../engine/define-action.ts';
import { httpOut } from '../engine/http-out.ts';

const jsonString = (s: string) => JSON.stringify(s).slice(1, -1);

/**
 * An SMS to the deal's main contact through the account's HTTP gateway (Settings → digital
 * pipeline): POST of a JSON body template, or GET with the template as the query string.
 */
export default defineAction({
  type: 'send_sms',
  external: true,
  usesModel: true,
  input: z.object({ text: z.string().trim().min(1).max(1000) }),
  async execute(input, { model, render, settings, runtime, say }) {
    const gw = settings.sms;
    if (!gw) throw new PermanentActionError('No SMS gateway: set it in Settings → digital pipeline');
    const phone = model.raw.contactPhone.replace(/[^\d+]/g, '');
    if (!phone) throw new PermanentActionError('The contact has no phone number');
    const text = render(input.text);
    const headers: Record<string, string> = gw.token ? { authorization: `Bearer ${gw.token}` } : {};
    let res;
    if (gw.method === 'GET') {
      const query = gw.body
        .replace(/\{\{phone\}\}/g, encodeURIComponent(phone))
        .replace(/\{\{text\}\}/g, encodeURIComponent(text));
      const url = `${gw.url}${gw.url.includes('?') ? '&' : '?'}${query}`;
      res = await httpOut(url, { method: 'GET', headers }, runtime.options.httpTimeoutMs);
    } else {
      const body = gw.body
        .replace(/\{\{phone\}\}/g, jsonString(phone))
        .replace(/\{\{text\}\}/g, jsonString(text));
      res = await httpOut(
        gw.url,
        { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body },
        runtime.options.httpTimeoutMs,
      );
    }
    return { summary: say('smsSent', { phone, text }), data: { phone, status: res.status } };
  },
});
