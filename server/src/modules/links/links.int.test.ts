import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { buildCompany, buildContact } from '../../test/crm-factories.ts';
import { assertMatchesSpec } from '../../test/spec.ts';
import { apiClient, countRows, eventsOf, insertDeal, type ApiClient } from '../fields/api-test-kit.ts';

let t: TestApp;
let api: ApiClient;
beforeEach(async () => {
  t = await buildTestApp();
  api = await apiClient(t);
});
afterEach(async () => {
  await t.close();
});

type Link = {
  entity_id: number;
  to_entity_id: number;
  to_entity_type: string;
  metadata?: { main_contact: boolean };
};
const targets = (body: { _embedded: { links: Link[] } }) =>
  body._embedded.links.map(
    (l) => `${l.to_entity_type}:${l.to_entity_id}${l.metadata?.main_contact ? ':main' : ''}`,
  );

describe('/api/v4/{entity}/link, unlink, links', () => {
  it('links contacts and a company to a deal, lists from both sides, unlinks, writing events', async () => {
    const { dealId } = await insertDeal(t.database.db, api.accountId);
    const anna = await buildContact(t.database.db, api.accountId, { name: 'Анна' });
    const boris = await buildContact(t.database.db, api.accountId, { name: 'Борис' });
    const firm = await buildCompany(t.database.db, api.accountId);

    const linked = await api.call('POST', `/api/v4/leads/${dealId}/link`, [
      { to_entity_type: 'contacts', to_entity_id: anna.id },
      { to_entity_type: 'contacts', to_entity_id: boris.id, metadata: { main_contact: true } },
      { to_entity_type: 'companies', to_entity_id: firm.id },
    ]);
    expect(linked.statusCode, linked.body).toBe(200);
    assertMatchesSpec('post', '/api/v4/{entity_type}/{entity_id}/link', 200, linked.json());
    expect(targets(linked.json()).sort()).toEqual(
      [`contacts:${anna.id}`, `contacts:${boris.id}:main`, `companies:${firm.id}`].sort(),
    );

    const ofDeal = await api.call('GET', `/api/v4/leads/${dealId}/links`);
    assertMatchesSpec('get', '/api/v4/{entity_type}/{entity_id}/links', 200, ofDeal.json());
    expect(targets(ofDeal.json())).toEqual([
      `contacts:${boris.id}:main`,
      `contacts:${anna.id}`,
      `companies:${firm.id}`,
    ]);
    const onlyCompanies = await api.call(
      'GET',
      `/api/v4/leads/${dealId}/links?filter[to_entity_type]=companies`,
    );
    expect(targets(onlyCompanies.json())).toEqual([`companies:${firm.id}`]);
    const fromContacts = await api.call(
      'GET',
      `/api/v4/contacts/links?filter[entity_id][]=${anna.id}&filter[entity_id][]=${boris.id}`,
    );
    assertMatchesSpec('get', '/api/v4/{entity_type}/links', 200, fromContacts.json());
    expect(
      fromContacts
        .json()
        ._embedded.links.map((l: Link) => [l.entity_id, l.to_entity_id])
        .sort((a: number[], b: number[]) => (a[0] ?? 0) - (b[0] ?? 0)),
    ).toEqual([
      [anna.id, dealId],
      [boris.id, dealId],
    ]);

    // Batch form on the contact side: a contact joins a company.
    const contactCompany = await api.call('POST', '/api/v4/contacts/link', [
      { entity_id: anna.id, to_entity_type: 'companies', to_entity_id: firm.id },
    ]);
    assertMatchesSpec('post', '/api/v4/{entity_type}/link', 200, contactCompany.json());
    expect(targets((await api.call('GET', `/api/v4/companies/${firm.id}/links`)).json()).sort()).toEqual(
      [`leads:${dealId}`, `contacts:${anna.id}`].sort(),
    );

    const unlinked = await api.call('POST', `/api/v4/leads/${dealId}/unlink`, [
      { to_entity_type: 'contacts', to_entity_id: boris.id },
    ]);
    expect(unlinked.statusCode, unlinked.body).toBe(200);
    assertMatchesSpec('post', '/api/v4/{entity_type}/{entity_id}/unlink', 200, unlinked.json());
    // The next contact becomes the main one.
    expect(
      targets(
        (await api.call('GET', `/api/v4/leads/${dealId}/links?filter[to_entity_type]=contacts`)).json(),
      ),
    ).toEqual([`contacts:${anna.id}:main`]);
    const batchUnlink = await api.call('POST', '/api/v4/companies/unlink', [
      { entity_id: firm.id, to_entity_type: 'leads', to_entity_id: dealId },
    ]);
    assertMatchesSpec('post', '/api/v4/{entity_type}/unlink', 200, batchUnlink.json());

    const dealEvents = (await eventsOf(t.database.db, api.accountId, 'leads', dealId)).map((e) => [
      e.type,
      JSON.stringify(e.after),
    ]);
    expect(dealEvents).toEqual([
      ['entity.linked', JSON.stringify([{ link: { entity: { type: 'contact', id: anna.id } } }])],
      ['entity.linked', JSON.stringify([{ link: { entity: { type: 'contact', id: boris.id } } }])],
      ['entity.linked', JSON.stringify([{ link: { entity: { type: 'company', id: firm.id } } }])],
      ['entity.unlinked', JSON.stringify([{ unlink: { entity: { type: 'contact', id: boris.id } } }])],
      ['entity.unlinked', JSON.stringify([{ unlink: { entity: { type: 'company', id: firm.id } } }])],
    ]);
    expect((await eventsOf(t.database.db, api.accountId, 'contacts', boris.id)).map((e) => e.type)).toEqual([
      'entity.linked',
      'entity.unlinked',
    ]);
    // Linking what is already linked changes nothing and tells nothing.
    const before = await countRows(t.database.db, 'events');
    await api.call('POST', `/api/v4/leads/${dealId}/link`, [
      { to_entity_type: 'contacts', to_entity_id: anna.id },
    ]);
    expect(await countRows(t.database.db, 'events')).toBe(before);
  });

  it("refuses unknown, unlinkable and another account's entities, changing nothing", async () => {
    const { dealId } = await insertDeal(t.database.db, api.accountId);
    const other = await api.other();
    const theirContact = await buildContact(t.database.db, other.account.id);
    const mine = await buildContact(t.database.db, api.accountId);
    const events = await countRows(t.database.db, 'events');

    const foreign = await api.call('POST', `/api/v4/leads/${dealId}/link`, [
      { to_entity_type: 'contacts', to_entity_id: mine.id },
      { to_entity_type: 'contacts', to_entity_id: theirContact.id, request_id: 'x' },
    ]);
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json()['validation-errors']).toEqual([
      { request_id: 'x', errors: [expect.objectContaining({ code: 'NotFound', path: 'to_entity_id' })] },
    ]);
    const sameType = await api.call('POST', `/api/v4/leads/${dealId}/link`, [
      { to_entity_type: 'leads', to_entity_id: dealId },
    ]);
    expect(sameType.json()['validation-errors'][0].errors[0]).toMatchObject({
      code: 'NotSupported',
      path: 'to_entity_type',
    });
    const catalog = await api.call('POST', `/api/v4/leads/${dealId}/link`, [
      { to_entity_type: 'catalog_elements', to_entity_id: 1 },
    ]);
    expect(catalog.statusCode).toBe(400);
    const wrongType = await api.call('POST', `/api/v4/leads/${dealId}/link`, [
      { to_entity_type: 'contacts', to_entity_id: 'x' },
    ]);
    expect(wrongType.json()['validation-errors'][0].errors[0].path).toBe('0.to_entity_id');
    const noEntity = await api.call('POST', '/api/v4/leads/link', [
      { to_entity_type: 'contacts', to_entity_id: mine.id },
    ]);
    expect(noEntity.json()['validation-errors'][0].errors[0]).toMatchObject({
      code: 'NotSupplied',
      path: 'entity_id',
    });
    const tooMany = await api.call(
      'POST',
      `/api/v4/leads/${dealId}/link`,
      Array.from({ length: 251 }, () => ({ to_entity_type: 'contacts', to_entity_id: mine.id })),
    );
    expect(tooMany.statusCode).toBe(400);
    expect((await api.call('GET', `/api/v4/contacts/${theirContact.id}/links`)).statusCode).toBe(404);
    expect((await api.call('GET', '/api/v4/contacts/links')).statusCode).toBe(400);

    expect((await api.call('GET', `/api/v4/leads/${dealId}/links`)).statusCode).toBe(204);
    expect(await countRows(t.database.db, 'events')).toBe(events);
  });
});
