import type { DemoBatch } from './demo-batch.ts';
import { companyName, person, positions, typedPhone } from './demo-names.ts';
import type { DemoAccount } from './prepare-demo-account.ts';
import type { Random } from './random.ts';

/** What deals need to know about the generated contacts (parallel arrays, index = contact number). */
export type ContactPool = { ids: number[]; companyIds: Array<number | null>; lastNames: string[] };

const pickUser = (r: Random, demo: DemoAccount) => r.pick(demo.users);

/** Company rows with a phone, a site and an address, and their company.created events. */
export function addCompanies(
  r: Random,
  demo: DemoAccount,
  batch: DemoBatch,
  ids: number[],
  /** The creation time of the k-th row of `ids`. */
  timeOf: (k: number) => number,
) {
  const f = demo.fields.companies;
  for (const [k, id] of ids.entries()) {
    const name = companyName(r);
    const user = pickUser(r, demo);
    const at = timeOf(k);
    batch.companies.push({
      id,
      account_id: demo.account.id,
      name,
      name_lc: name.toLowerCase(),
      responsible_user_id: user.id,
      group_id: user.group_id ?? 0,
      created_by: user.id,
      updated_by: user.id,
      created_at: at,
      updated_at: at,
      closest_task_at: null,
      deleted_at: null,
    });
    batch.value('companies', id, f.get('PHONE'), [{ value: typedPhone(r), enum_code: 'WORK' }]);
    if (r.chance(0.6)) batch.value('companies', id, f.get('WEB'), [{ value: `https://example.com/c${id}` }]);
    if (r.chance(0.4))
      batch.value('companies', id, f.get('ADDRESS'), [{ value: `г. Москва, ул. Ленина, ${r.int(1, 200)}` }]);
    batch.event({
      type: 'company.created',
      entityType: 'companies',
      entityId: id,
      createdBy: user.id,
      createdAt: at,
      after: [{ name_field_value: { name } }],
    });
  }
}

/**
 * Contact rows: a Russian or Ukrainian name, one or two phones typed in varied formats, often an
 * e-mail, sometimes a position, a birthday, a tag and a company; contact.created and the
 * contact-company link events (both sides), as createContact writes them.
 */
export function addContacts(
  r: Random,
  demo: DemoAccount,
  batch: DemoBatch,
  ids: number[],
  companyIds: number[],
  /** The creation time of the k-th row of `ids`. */
  timeOf: (k: number) => number,
  pool: ContactPool,
) {
  const f = demo.fields.contacts;
  for (const [k, id] of ids.entries()) {
    const p = person(r, id);
    const user = pickUser(r, demo);
    const author = r.chance(0.3) ? 0 : user.id;
    const at = timeOf(k);
    const companyId = companyIds.length > 0 && r.chance(0.35) ? r.pick(companyIds) : null;
    batch.contacts.push({
      id,
      account_id: demo.account.id,
      name: p.name,
      name_lc: p.name.toLowerCase(),
      first_name: p.first,
      last_name: p.last,
      company_id: companyId,
      responsible_user_id: user.id,
      group_id: user.group_id ?? 0,
      created_by: author,
      updated_by: author,
      created_at: at,
      updated_at: at,
      closest_task_at: null,
      deleted_at: null,
    });
    const phones = [{ value: typedPhone(r), enum_code: 'MOB' }];
    if (r.chance(0.2)) phones.push({ value: typedPhone(r), enum_code: r.pick(['WORK', 'HOME']) });
    if (r.chance(0.97)) batch.value('contacts', id, f.get('PHONE'), phones);
    if (r.chance(0.7)) batch.value('contacts', id, f.get('EMAIL'), [{ value: p.email, enum_code: 'PRIV' }]);
    if (r.chance(0.25)) batch.value('contacts', id, f.get('POSITION'), [{ value: r.pick(positions) }]);
    if (r.chance(0.15))
      batch.value('contacts', id, f.get('BIRTHDAY'), [{ value: r.int(0, 30 * 365) * 86400 + 86400 * 3650 }]);
    if (r.chance(0.1)) batch.tag('contacts', id, r.pick(demo.tags.contacts));
    batch.event({
      type: 'contact.created',
      entityType: 'contacts',
      entityId: id,
      createdBy: author,
      createdAt: at,
      after: [{ name_field_value: { name: p.name } }],
    });
    if (companyId !== null) {
      for (const [entityType, entityId, other, otherId] of [
        ['contacts', id, 'companies', companyId],
        ['companies', companyId, 'contacts', id],
      ] as const) {
        batch.event({
          type: 'entity.linked',
          entityType,
          entityId,
          createdBy: author,
          createdAt: at,
          after: [{ link: { entity: { id: otherId, type: other } } }],
        });
      }
    }
    pool.ids.push(id);
    pool.companyIds.push(companyId);
    pool.lastNames.push(p.last);
  }
}
