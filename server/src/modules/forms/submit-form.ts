import { formSettingsSchema, utmKeys, type FormField, type FormSettings } from '@voronka/common';
import type { Kysely } from 'kysely';
import { nowSeconds } from '../../db/schema-helpers.ts';
import type { DB } from '../../db/types.ts';
import type { WebForm } from '../../db/types-inbox.ts';
import { findAccount } from '../accounts/accounts.repo.ts';
import type { ContactInput } from '../contacts/contacts.schema.ts';
import type { Ctx } from '../context.ts';
import { updateDealRow } from '../deals/deals.repo.ts';
import { phoneOrNull } from '../fields/normalise.ts';
import { receiveIncomingLead } from '../inbox/receive-incoming-lead.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { formMessages } from './form-messages.ts';

/** The hidden inputs every form carries besides its fields. */
export const HONEYPOT = 'website_url';
export const CONSENT = 'consent';

export type Posted = Record<string, string | undefined>;
export type SubmitContext = {
  ip: string;
  page: string;
  referrer: string;
  utm: Partial<Record<string, string>>;
};
export type SubmitResult =
  { kind: 'accepted'; uid: string } | { kind: 'spam' } | { kind: 'invalid'; errors: Record<string, string> };

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]{2,}$/;
const maxLength = (f: FormField) => (f.type === 'textarea' ? 5000 : 500);

export const settingsOf = (form: WebForm): FormSettings =>
  formSettingsSchema.parse(JSON.parse(form.settings));

/** Checks the answers against the form: required, phone, e-mail, number, choice, length, consent. */
export function validateAnswers(
  settings: FormSettings,
  posted: Posted,
  lang: string,
  country: string,
): { errors: Record<string, string>; answers: Map<string, string> } {
  const m = formMessages(lang);
  const errors: Record<string, string> = {};
  const answers = new Map<string, string>();
  for (const f of settings.fields) {
    const raw = (posted[f.key] ?? '').trim();
    const value = f.type === 'checkbox' ? (raw === '' ? '' : 'on') : raw;
    if (value === '') {
      if (f.required) errors[f.key] = m.required;
      continue;
    }
    if (value.length > maxLength(f)) errors[f.key] = m.tooLong;
    else if (f.type === 'phone' && phoneOrNull(value, country) === null) errors[f.key] = m.phone;
    else if (f.type === 'email' && (!EMAIL.test(value) || value.length > 254)) errors[f.key] = m.email;
    else if (f.type === 'number' && !/^-?\d{1,12}([.,]\d{1,4})?$/.test(value)) errors[f.key] = m.number;
    else if (f.type === 'select' && !f.options.includes(value)) errors[f.key] = m.choice;
    else answers.set(f.key, value);
  }
  if (settings.consent.enabled && !posted[CONSENT]) errors[CONSENT] = m.consent;
  return { errors, answers };
}

const clip = (s: string, n: number) => (s.length > n ? s.slice(0, n) : s);

/**
 * A web form submission: the honeypot catches bots (they are told it worked, nothing is stored),
 * the answers are checked, then mapped onto the contact, company and deal of an incoming lead;
 * every answer, the page, the referrer and the UTM marks stay on the entry, and the answers become
 * a note on the deal. Runs as the robot in the form's account.
 */
export async function submitForm(
  db: Kysely<DB>,
  queue: JobQueue | null,
  form: WebForm,
  posted: Posted,
  context: SubmitContext,
): Promise<SubmitResult> {
  if ((posted[HONEYPOT] ?? '') !== '') return { kind: 'spam' };
  const account = await findAccount(db, form.account_id);
  if (!account) throw new Error(`form ${form.id} has no account`);
  const settings = settingsOf(form);
  const { errors, answers } = validateAnswers(settings, posted, form.lang, account.country);
  if (Object.keys(errors).length > 0) return { kind: 'invalid', errors };

  const byTarget = (target: FormField['target']) =>
    settings.fields.filter((f) => f.target === target).flatMap((f) => answers.get(f.key) ?? []);
  const phones = byTarget('contact_phone');
  const emails = byTarget('contact_email');
  const contactName = byTarget('contact_name').join(' ');
  const contact: ContactInput | undefined =
    contactName || phones.length || emails.length
      ? {
          name: clip(contactName || phones[0] || emails[0] || '', 255),
          custom_fields_values: [
            ...(phones.length
              ? [{ field_code: 'PHONE', values: phones.map((value) => ({ value, enum_code: 'WORK' })) }]
              : []),
            ...(emails.length
              ? [{ field_code: 'EMAIL', values: emails.map((value) => ({ value, enum_code: 'WORK' })) }]
              : []),
          ],
        }
      : undefined;
  const companyName = byTarget('company_name').join(' ');
  const price = Number((byTarget('deal_price')[0] ?? '').replace(',', '.'));
  const dealName = byTarget('deal_name').join(' ');
  const fields = settings.fields.flatMap((f) => {
    const value = answers.get(f.key);
    return value === undefined ? [] : [{ label: f.label, value: f.type === 'checkbox' ? '✓' : value }];
  });
  const utm = Object.fromEntries(
    utmKeys.flatMap((k) => (context.utm[k] ? [[k, clip(context.utm[k], 255)]] : [])),
  );

  const ctx: Ctx = { db, account, accountId: account.id, userId: 0, user: null, queue };
  const entry = await db.transaction().execute(async (trx) => {
    const c = { ...ctx, db: trx };
    const made = await receiveIncomingLead(c, {
      category: 'forms',
      sourceUid: `form:${form.uid}`,
      sourceName: form.name,
      pipelineId: form.pipeline_id ?? undefined,
      deal: {
        ...(dealName ? { name: clip(dealName, 255) } : {}),
        ...(Number.isFinite(price) && price > 0
          ? { price: Math.min(Math.round(price), 999_999_999_999) }
          : {}),
      },
      contact,
      company: companyName ? { name: clip(companyName, 255) } : undefined,
      metadata: {
        form_id: form.uid,
        form_name: form.name,
        form_sent_at: nowSeconds(),
        ...(context.page ? { form_page: clip(context.page, 2000) } : {}),
        ...(context.referrer ? { referer: clip(context.referrer, 2000) } : {}),
        ...(context.ip ? { ip: context.ip } : {}),
        ...utm,
      },
      extra: {
        fields: [
          ...fields,
          ...(settings.consent.enabled ? [{ label: clip(settings.consent.text, 200), value: '✓' }] : []),
        ],
      },
      note: fields.map((f) => `${f.label}: ${f.value}`).join('\n'),
    });
    if (made.deal_id !== null && Object.keys(utm).length > 0) {
      await updateDealRow(trx, account.id, made.deal_id, { ...utm, source: clip(form.name, 255) });
    }
    return made;
  });
  return { kind: 'accepted', uid: entry.uid };
}
