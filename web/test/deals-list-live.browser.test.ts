import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createdId, embedded, setupWithApi, type Api } from './crm-helpers';
import {
  launchBrowser,
  openPage,
  screenshot,
  startTestServer,
  type TestPage,
  type TestServer,
} from './helpers';

/**
 * Issue 4: the deals list (sort, column chooser), bulk actions (stage, tags, CSV, delete), saved
 * filter presets, the "new deal for you" notification, and the deal card updating live when
 * someone else, the API or automation changes the deal.
 */
const admin = {
  accountName: 'Furniture X',
  name: 'Olga Admin',
  email: 'olga@list.test',
  password: 'correct horse battery',
  locale: 'en' as const,
};
const colleague = {
  name: 'Igor Kolesov',
  email: 'igor@list.test',
  password: 'another horse battery',
  lang: 'en' as const,
  isAdmin: true,
};

const pipelinesSchema = z.object({
  _embedded: z.object({
    pipelines: z.array(
      z.object({
        id: z.number(),
        name: z.string(),
        is_main: z.boolean(),
        _embedded: z.object({
          statuses: z.array(z.object({ id: z.number(), name: z.string(), type: z.number() })),
        }),
      }),
    ),
  }),
});
const leadSchema = z.object({
  id: z.number(),
  status_id: z.number(),
  _embedded: z.object({ tags: z.array(z.object({ name: z.string() })) }),
});

/** A second signed-in user's API client (cookie + CSRF), for changes "made by someone else". */
async function signIn(context: BrowserContext, baseUrl: string, creds: { email: string; password: string }) {
  const res = await context.request.post(new URL('/api/app/login', baseUrl).href, { data: creds });
  if (!res.ok()) throw new Error(`login failed: ${res.status()} ${await res.text()}`);
  const csrf = z.object({ csrfToken: z.string() }).parse(await res.json()).csrfToken;
  return async (method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown): Promise<unknown> => {
    const r = await context.request.fetch(new URL(path, baseUrl).href, {
      method,
      headers: { 'X-CSRF-Token': csrf },
      ...(body === undefined ? {} : { data: body }),
    });
    if (!r.ok()) throw new Error(`${method} ${path}: ${r.status()} ${await r.text()}`);
    const text = await r.text();
    return text ? JSON.parse(text) : undefined;
  };
}

describe('deals list, bulk actions, presets, notifications and the live deal card', () => {
  let server: TestServer;
  let browser: Browser;
  let tab: TestPage;
  let api: Api;
  let other: Awaited<ReturnType<typeof signIn>>;
  let pipeline: z.infer<typeof pipelinesSchema>['_embedded']['pipelines'][number];
  let open: Array<{ id: number; name: string }> = [];
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    tab = await openPage(browser, { locale: 'en-US' });
    api = await setupWithApi(tab.context, server.url, admin);
    await server.addUser(colleague);
    const otherContext = await browser.newContext();
    other = await signIn(otherContext, server.url, colleague);
    const main = pipelinesSchema
      .parse(await api.get('/api/v4/leads/pipelines'))
      ._embedded.pipelines.find((p) => p.is_main);
    if (!main) throw new Error('no main pipeline');
    pipeline = main;
    open = main._embedded.statuses.filter((s) => s.type === 0 && s.id !== 142 && s.id !== 143);
    const first = open[0]?.id ?? 0;
    for (const [name, price] of [
      ['Alpha sofa', 300_000],
      ['Beta chair', 100_000],
      ['Gamma table', 200_000],
    ] as const) {
      ids[name] = createdId(await api.post('/api/v4/leads', [{ name, price, status_id: first }]), 'leads');
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const listUrl = (extra = '') =>
    new URL(`/deals?pipeline=${pipeline.id}&view=list${extra}`, server.url).href;
  const rowNames = (page: Page) =>
    page
      .getByRole('table', { name: 'List' })
      .locator('tbody tr[data-deal-id] td:nth-child(2)')
      .allInnerTexts();
  const lead = async (id: number) => leadSchema.parse(await api.get(`/api/v4/leads/${id}`));

  it('sorts the list by a column and remembers the chosen columns', async () => {
    const { page } = tab;
    await page.goto(listUrl());
    await page.getByRole('table', { name: 'List' }).getByText('Gamma table').waitFor();
    await page.getByRole('button', { name: 'Sort by Budget' }).click();
    await expect.poll(() => rowNames(page)).toEqual(['Beta chair', 'Gamma table', 'Alpha sofa']);
    await page.getByRole('button', { name: 'Sort by Budget' }).click();
    await expect.poll(() => rowNames(page)).toEqual(['Alpha sofa', 'Gamma table', 'Beta chair']);
    await page.getByRole('button', { name: 'Sort by Name' }).click();
    await expect.poll(() => rowNames(page)).toEqual(['Alpha sofa', 'Beta chair', 'Gamma table']);

    const header = page.getByRole('columnheader', { name: 'Company', exact: true });
    await header.waitFor();
    await page.getByRole('button', { name: 'Columns' }).click();
    await page.getByRole('menuitem', { name: 'Company' }).click();
    await header.waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');
    await page.reload();
    await page.getByRole('table', { name: 'List' }).getByText('Gamma table').waitFor();
    expect(await page.getByRole('columnheader', { name: 'Company', exact: true }).count()).toBe(0);
    await page.getByRole('columnheader', { name: 'Sort by Budget' }).waitFor();
    await screenshot(page, 'deals-list');
    expect(tab.consoleErrors).toEqual([]);
  });

  it('changes the stage of and tags the selected deals, exports them as CSV and deletes one', async () => {
    const { page } = tab;
    const target = open[1];
    if (!target) throw new Error('no second stage');
    await page.goto(listUrl());
    await page.getByRole('checkbox', { name: 'Select “Beta chair”' }).check();
    await page.getByRole('checkbox', { name: 'Select “Gamma table”' }).check();
    const bar = page.getByRole('toolbar', { name: 'Actions on selected deals' });
    await bar.getByText('2 selected').waitFor();

    await bar.getByRole('button', { name: 'Change stage' }).click();
    const dialog = page.getByRole('dialog', { name: 'Change stage' });
    await dialog.getByRole('combobox', { name: 'Change stage' }).click();
    await page.getByRole('option', { name: `${pipeline.name}: ${target.name}`, exact: true }).click();
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(async () => (await lead(ids['Beta chair'] ?? 0)).status_id).toBe(target.id);
    expect((await lead(ids['Gamma table'] ?? 0)).status_id).toBe(target.id);
    expect((await lead(ids['Alpha sofa'] ?? 0)).status_id).toBe(open[0]?.id);

    // The selection was cleared by the action: select again for the tags.
    await page.getByRole('checkbox', { name: 'Select “Beta chair”' }).check();
    await page.getByRole('checkbox', { name: 'Select “Gamma table”' }).check();
    await bar.getByRole('button', { name: 'Tags' }).click();
    await page.getByRole('menuitem', { name: 'Add tags' }).click();
    const tagsDialog = page.getByRole('dialog', { name: 'Add tags' });
    await tagsDialog.getByLabel('Tags, comma-separated').fill('VIP, Wholesale');
    await tagsDialog.getByRole('button', { name: 'Apply' }).click();
    await tagsDialog.waitFor({ state: 'detached' });
    await expect
      .poll(async () => (await lead(ids['Gamma table'] ?? 0))._embedded.tags.map((x) => x.name).sort())
      .toEqual(['VIP', 'Wholesale']);
    expect((await lead(ids['Alpha sofa'] ?? 0))._embedded.tags).toEqual([]);

    await page.getByRole('checkbox', { name: 'Select “Beta chair”' }).check();
    await page.getByRole('checkbox', { name: 'Select “Gamma table”' }).check();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      bar.getByRole('link', { name: 'Export CSV' }).click(),
    ]);
    const csv = await readFile(await download.path(), 'utf8');
    expect(csv).toContain('Beta chair');
    expect(csv).toContain('Gamma table');
    expect(csv).not.toContain('Alpha sofa');
    expect(csv).toContain('VIP');

    await page.getByRole('checkbox', { name: 'Select “Beta chair”' }).uncheck();
    await bar.getByText('1 selected').waitFor();
    await bar.getByRole('button', { name: 'Delete' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete deals?' });
    await confirm.getByText('1 deal goes to the trash.').waitFor();
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('table', { name: 'List' }).getByText('Gamma table').waitFor({ state: 'detached' });
    const deleted = await tab.context.request.get(
      new URL(`/api/v4/leads/${ids['Gamma table']}`, server.url).href,
    );
    expect(deleted.status()).toBe(404);
    expect(await rowNames(page)).toEqual(expect.arrayContaining(['Alpha sofa', 'Beta chair']));
    expect(tab.consoleErrors.filter((e) => !e.includes('404'))).toEqual([]);
  });

  it('saves the current filter as a preset and brings it back', async () => {
    const { page } = tab;
    await page.goto(listUrl('&q=Alpha'));
    await expect.poll(() => rowNames(page)).toEqual(['Alpha sofa']);
    await page.getByRole('button', { name: 'Saved filters' }).click();
    await page.getByRole('menuitem', { name: 'Save current filter…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Save filter' });
    await dialog.getByLabel('Name').fill('Only Alpha');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Filter “Only Alpha” saved').waitFor();

    await page.goto(new URL('/deals', server.url).href);
    await page.getByRole('button', { name: 'Saved filters' }).click();
    await page.getByRole('menuitem', { name: 'Only Alpha' }).click();
    await page.waitForURL(/q=Alpha/);
    expect(new URL(page.url()).searchParams.get('view')).toBe('list');
    await expect.poll(() => rowNames(page)).toEqual(['Alpha sofa']);
    expect(tab.consoleErrors.filter((e) => !e.includes('404'))).toEqual([]);
  });

  it('tells me in the app when a colleague creates a deal for me', async () => {
    const { page } = tab;
    await page.goto(new URL('/deals', server.url).href);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const users = embedded(await api.get('/api/v4/users'), 'users');
    const me = users.find((u) => u.email === admin.email)?.id;
    await other('POST', '/api/v4/leads', [{ name: 'Delta wardrobe for Olga', responsible_user_id: me }]);
    await other('POST', '/api/v4/leads', [{ name: 'Epsilon shelf for Igor' }]);
    const toast = page.getByRole('alert').filter({ hasText: 'Delta wardrobe for Olga' });
    await toast.waitFor({ timeout: 10_000 });
    await toast.getByText('New deal for you').waitFor();
    await screenshot(page, 'deals-new-deal-notification');
    await toast.getByText('Delta wardrobe for Olga').click();
    await page.waitForURL(/\/deals\/\d+$/);
    await page.getByRole('textbox', { name: 'Deal name' }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Deal name' }).inputValue()).toBe(
      'Delta wardrobe for Olga',
    );
    expect(await page.getByText('Epsilon shelf for Igor').count()).toBe(0);
    expect(tab.consoleErrors.filter((e) => !e.includes('404'))).toEqual([]);
  });

  it('shows a note, a task, a field change, a stage move and an automation run in an open card without reload', async () => {
    const { page } = tab;
    const [first, second] = open;
    if (!first || !second) throw new Error('stages missing');
    const field = createdId(
      await api.post('/api/v4/leads/custom_fields', [{ name: 'Delivery address', type: 'text' }]),
      'custom_fields',
    );
    await api.post(`/api/app/pipelines/${pipeline.id}/triggers`, {
      name: 'Confirm the order',
      stage_id: second.id,
      when: { kind: 'moved_into' },
      action: { type: 'create_task', params: { text: 'Robot: confirm the order of {{deal.name}}' } },
    });
    const dealId = createdId(
      await api.post('/api/v4/leads', [{ name: 'Zeta bed', price: 90_000, status_id: first.id }]),
      'leads',
    );
    await page.goto(new URL(`/deals/${dealId}`, server.url).href);
    await page.getByRole('textbox', { name: 'Deal name' }).waitFor();
    const bar = page.getByRole('button', { name: `Move to stage “${second.name}”` });
    expect(await bar.getAttribute('aria-current')).toBeNull();
    const navigations: string[] = [];
    page.on('framenavigated', (f) => {
      if (f === page.mainFrame()) navigations.push(f.url());
    });

    await other('POST', `/api/v4/leads/${dealId}/notes`, [
      { note_type: 'common', params: { text: 'Client asked for a grey fabric' } },
    ]);
    await page.getByText('Client asked for a grey fabric').waitFor({ timeout: 5000 });

    await other('POST', '/api/v4/tasks', [
      { text: 'Send fabric samples', entity_type: 'leads', entity_id: dealId, complete_till: 2_000_000_000 },
    ]);
    await page.getByText('Send fabric samples').waitFor({ timeout: 5000 });

    await other('PATCH', `/api/v4/leads/${dealId}`, {
      price: 95_000,
      custom_fields_values: [{ field_id: field, values: [{ value: '12 Garden Street' }] }],
    });
    const address = page.getByRole('textbox', { name: 'Delivery address', exact: true });
    await expect.poll(() => address.inputValue(), { timeout: 5000 }).toBe('12 Garden Street');
    await expect.poll(() => page.getByLabel(/^Budget/).inputValue(), { timeout: 5000 }).toBe('95000');

    await other('PATCH', `/api/v4/leads/${dealId}`, { status_id: second.id });
    await expect.poll(() => bar.getAttribute('aria-current'), { timeout: 5000 }).toBe('step');
    // The stage's trigger runs as the robot; its task and feed line appear too.
    await page.getByText('Robot: confirm the order of Zeta bed').first().waitFor({ timeout: 10_000 });
    await screenshot(page, 'deal-card-live');

    expect(navigations).toEqual([]);
    expect(tab.consoleErrors.filter((e) => !e.includes('404'))).toEqual([]);
  });
});
