import { z } from 'zod';
import { defineAction, PermanentActionError } from '../engine/define-action.ts';
import { mailTransport } from '../engine/mailer.ts';
import { escapeHtml } from '../engine/placeholders.ts';
import { makeToken, publicBase } from '../engine/tokens.ts';

/**
 * An email from a template to the deal's main contact (or another address): subject and body
 * with placeholders, values HTML-escaped in the body. With tracking, links go through a redirect
 * that raises "link clicked" and a pixel raises "email opened".
 */
export default defineAction({
  type: 'send_email',
  external: true,
  usesModel: true,
  input: z.object({
    to: z.enum(['contact', 'responsible', 'address']).default('contact'),
    address: z.string().max(255).optional(),
    subject: z.string().trim().min(1).max(500),
    /** HTML; plain text is wrapped in paragraphs. */
    body: z.string().min(1).max(100_000),
    from_name: z.string().max(255).optional(),
    track: z.boolean().default(true),
  }),
  async execute(input, { model, render, settings, runtime, run, say }) {
    const to =
      input.to === 'contact'
        ? model.raw.contactEmail
        : input.to === 'responsible'
          ? (model.responsible.email ?? '')
          : render(input.address ?? '');
    if (!to || !/^[^\s@]+@[^\s@]+$/.test(to)) throw new PermanentActionError('No email address to send to');
    const isHtml = /<[a-z][\s\S]*>/i.test(input.body);
    let html = isHtml
      ? render(input.body, { html: true })
      : render(input.body)
          .split(/\n{2,}/)
          .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
          .join('\n');
    if (input.track) {
      const base = publicBase(runtime.publicUrl);
      const ids = { a: run.account_id, d: run.deal_id, r: run.id };
      html = html.replace(/href="(https?:\/\/[^"]+)"/gi, (_m, url: string) => {
        const token = makeToken(runtime.secretKey, 'click', { ...ids, k: url.replace(/&amp;/g, '&') });
        return `href="${base}/api/public/automation/click?t=${token}"`;
      });
      html += `<img src="${base}/api/public/automation/open?t=${makeToken(runtime.secretKey, 'open', ids)}" width="1" height="1" alt="">`;
    }
    const { transport, from } = mailTransport(settings);
    const fromHeader = input.from_name
      ? { name: render(input.from_name), address: from.replace(/^.*<|>$/g, '') }
      : from;
    try {
      const info = await transport.sendMail({ from: fromHeader, to, subject: render(input.subject), html });
      return {
        summary: say('emailSent', { subject: render(input.subject), to }),
        data: { to, message_id: info.messageId },
      };
    } finally {
      transport.close();
    }
  },
});
