import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createdId, embedded, fieldValues, prop, setupWithApi, type Api } from './crm-helpers';
import {
  AUTH_PROBE_FAILURES,
  launchBrowser,
  openPage,
  screenshot,
  type ExpectedFailure,
  startTestServer,
  type TestPage,
  type TestServer,
} from './helpers';

const admin = {
  accountName: 'Mebel Plus',
  name: 'Anna Smith',
  email: 'anna@mebel.test',
  password: 'correct horse battery',
  locale: 'en' as const,
};

type Ids = Record<string, number>;

describe('deal card', () => {
  let server: TestServer;
  let browser: Browser;
  let tab: TestPage;
  let page: Page;
  let api: Api;
  const field: Ids = {};
  const enumId: Ids = {};
  let dealId = 0;
  let contactId = 0;
  let statuses: Array<{ id: number; name: string }> = [];
  let lossReasonId = 0;
  // The server's refusal of a bad field value is on purpose (filled in once the deal exists).
  const expectedFailures: ExpectedFailure[] = [...AUTH_PROBE_FAILURES];

  const deal = () => api.get(`/api/v4/leads/${dealId}?with=contacts,loss_reason`);

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    tab = await openPage(browser, { locale: 'en-GB', expectedFailures });
    page = tab.page;
    api = await setupWithApi(tab.context, server.url, admin);

    const group = createdId(
      await api.post('/api/v4/leads/custom_fields/groups', [{ name: 'Delivery' }]),
      'custom_field_groups',
    );
    const created = await api.post('/api/v4/leads/custom_fields', [
      { name: 'Goal', type: 'text' },
      { name: 'Seats', type: 'numeric' },
      { name: 'Source', type: 'select', enums: [{ value: 'Website' }, { value: 'Instagram' }] },
      {
        name: 'Interests',
        type: 'multiselect',
        enums: [{ value: 'Sofas' }, { value: 'Beds' }, { value: 'Chairs' }],
      },
      { name: 'Paid', type: 'checkbox' },
      { name: 'Trial date', type: 'date' },
      { name: 'Delivery address', type: 'streetaddress', group_id: group },
      { name: 'Comment', type: 'textarea' },
      { name: 'Deposit', type: 'monetary' },
      { name: 'Format', type: 'radiobutton', enums: [{ value: 'Online' }, { value: 'Showroom' }] },
      { name: 'Call at', type: 'date_time' },
      { name: 'Birthday', type: 'birthday' },
      { name: 'Site', type: 'url' },
    ]);
    for (const f of embedded(created, 'custom_fields')) {
      field[String(f.name)] = Number(f.id);
      const enums = prop(f, 'enums');
      if (Array.isArray(enums))
        for (const e of enums) enumId[String(prop(e, 'value'))] = Number(prop(e, 'id'));
    }
    lossReasonId = createdId(
      await api.post('/api/v4/leads/loss_reasons', [{ name: 'Delivery too slow' }]),
      'loss_reasons',
    );
    const pipelines = embedded(await api.get('/api/v4/leads/pipelines'), 'pipelines');
    statuses = embedded(pipelines[0], 'statuses').map((s) => ({ id: Number(s.id), name: String(s.name) }));
    dealId = createdId(await api.post('/api/v4/leads', [{ name: 'Corner sofa', price: 120000 }]), 'leads');
    expectedFailures.push({ path: `/api/v4/leads/${dealId}`, status: 400 });
    const phoneField = embedded(await api.get('/api/v4/contacts/custom_fields'), 'custom_fields').find(
      (f) => f.code === 'PHONE',
    );
    contactId = createdId(
      await api.post('/api/v4/contacts', [
        {
          name: 'Olga Petrova',
          custom_fields_values: [
            { field_id: Number(phoneField?.id), values: [{ value: '+7 (912) 345-67-89' }] },
          ],
        },
      ]),
      'contacts',
    );
    // Fields the account had from the start (none for deals) plus ours: the ids exist.
    expect(Object.keys(field)).toHaveLength(13);

    await page.goto(new URL(`/deals/${dealId}`, server.url).href);
    await page.getByRole('textbox', { name: 'Deal name' }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the deal with its budget in the account currency', async () => {
    await expect
      .poll(() => page.getByRole('textbox', { name: 'Deal name' }).inputValue())
      .toBe('Corner sofa');
    await expect.poll(() => page.getByLabel(/^Budget/).inputValue()).toBe('120000');
  });

  it('edits custom fields of several types in place and the API has them', async () => {
    const goal = page.getByRole('textbox', { name: 'Goal', exact: true });
    await goal.fill('A sofa for the new flat');
    await goal.press('Enter');
    await expect
      .poll(async () => fieldValues(await deal(), field.Goal ?? 0)[0]?.value)
      .toBe('A sofa for the new flat');

    const seats = page.getByRole('textbox', { name: 'Seats', exact: true });
    await seats.fill('3,5');
    await seats.blur();
    await expect.poll(async () => fieldValues(await deal(), field.Seats ?? 0)[0]?.value).toBe('3.5');

    await page.getByRole('combobox', { name: 'Source', exact: true }).click();
    await page.getByRole('option', { name: 'Instagram' }).click();
    await expect
      .poll(async () => fieldValues(await deal(), field.Source ?? 0)[0]?.enum_id)
      .toBe(enumId.Instagram);

    await page.getByRole('combobox', { name: 'Interests', exact: true }).click();
    await page.getByRole('option', { name: 'Beds' }).click();
    await page.getByRole('option', { name: 'Chairs' }).click();
    await page.keyboard.press('Escape');
    await expect
      .poll(async () => fieldValues(await deal(), field.Interests ?? 0).map((v) => v.enum_id))
      .toEqual([enumId.Beds, enumId.Chairs]);

    await page.getByRole('checkbox', { name: 'Paid', exact: true }).check();
    await expect.poll(async () => fieldValues(await deal(), field.Paid ?? 0)[0]?.value).toBe(true);

    const trial = page.getByLabel('Trial date', { exact: true });
    await trial.fill('2026-03-15');
    await trial.blur();
    await expect
      .poll(async () => fieldValues(await deal(), field['Trial date'] ?? 0)[0]?.value)
      .toBe(Date.UTC(2026, 2, 15) / 1000);

    // A field of a group lives on the group's tab.
    await page.getByRole('tab', { name: 'Delivery' }).click();
    const address = page.getByRole('textbox', { name: 'Delivery address', exact: true });
    await address.fill('Lenina 1, Kazan');
    await address.blur();
    await expect
      .poll(async () => fieldValues(await deal(), field['Delivery address'] ?? 0)[0]?.value)
      .toBe('Lenina 1, Kazan');

    // After a reload the values come back from the server.
    await page.reload();
    await expect
      .poll(() => page.getByRole('textbox', { name: 'Goal', exact: true }).inputValue())
      .toBe('A sofa for the new flat');
    await expect.poll(() => page.getByRole('checkbox', { name: 'Paid', exact: true }).isChecked()).toBe(true);
  });

  it('edits the other field types: textarea, money, radio, date-time, birthday, url', async () => {
    const comment = page.getByRole('textbox', { name: 'Comment', exact: true });
    await comment.fill('Grey fabric\nNo pets');
    await comment.blur();
    await expect
      .poll(async () => fieldValues(await deal(), field.Comment ?? 0)[0]?.value)
      .toBe('Grey fabric\nNo pets');

    const deposit = page.getByRole('textbox', { name: 'Deposit', exact: true });
    await deposit.fill('15 000');
    await deposit.press('Enter');
    await expect.poll(async () => fieldValues(await deal(), field.Deposit ?? 0)[0]?.value).toBe('15000');

    await page.getByRole('radio', { name: 'Showroom' }).check();
    await expect
      .poll(async () => fieldValues(await deal(), field.Format ?? 0)[0]?.enum_id)
      .toBe(enumId.Showroom);

    const callAt = page.getByLabel('Call at', { exact: true });
    await callAt.fill('2026-03-15T14:30');
    await callAt.blur();
    await expect
      .poll(async () => fieldValues(await deal(), field['Call at'] ?? 0)[0]?.value)
      .toBe(new Date('2026-03-15T14:30').getTime() / 1000);

    const birthday = page.getByLabel('Birthday', { exact: true });
    await birthday.fill('1990-07-01');
    await birthday.blur();
    await expect
      .poll(async () => fieldValues(await deal(), field.Birthday ?? 0)[0]?.value)
      .toBe(Date.UTC(1990, 6, 1) / 1000);

    // The server's words for a bad value appear under the field; nothing is stored.
    const site = page.getByRole('textbox', { name: 'Site', exact: true });
    await site.fill('mebel plus');
    await site.blur();
    await page.getByText('A URL without spaces is expected').waitFor();
    expect(fieldValues(await deal(), field.Site ?? 0)).toEqual([]);
    await site.fill('https://mebel.test');
    await site.blur();
    await expect
      .poll(async () => fieldValues(await deal(), field.Site ?? 0)[0]?.value)
      .toBe('https://mebel.test');
  });

  it('shows a readable error for a bad number and keeps the stored one', async () => {
    const seats = page.getByRole('textbox', { name: 'Seats', exact: true });
    await seats.fill('three');
    await seats.blur();
    await page.getByText('Enter a number').waitFor();
    expect(fieldValues(await deal(), field.Seats ?? 0)[0]?.value).toBe('3.5');
  });

  it('edits name, budget and tags in the header', async () => {
    const name = page.getByRole('textbox', { name: 'Deal name' });
    await name.fill('Corner sofa, grey');
    await name.press('Enter');
    await expect.poll(async () => prop(await deal(), 'name')).toBe('Corner sofa, grey');

    const budget = page.getByLabel(/^Budget/);
    await budget.fill('135 000');
    await budget.press('Enter');
    await expect.poll(async () => prop(await deal(), 'price')).toBe(135000);

    const tags = page.getByRole('combobox', { name: 'Tags' });
    await tags.fill('vip');
    await tags.press('Enter');
    await expect.poll(async () => embedded(await deal(), 'tags').map((t) => t.name)).toEqual(['vip']);
  });

  it('moves the deal with the stage bar and closes it as lost with a reason', async () => {
    const open = statuses.filter((s) => s.id !== 142 && s.id !== 143);
    const target = open[2];
    if (!target) throw new Error('the default pipeline has fewer than 3 open stages');
    await page.getByRole('button', { name: `Move to stage “${target.name}”` }).click();
    await expect.poll(async () => prop(await deal(), 'status_id')).toBe(target.id);
    await expect
      .poll(() =>
        page.getByRole('button', { name: `Move to stage “${target.name}”` }).getAttribute('aria-current'),
      )
      .toBe('step');

    await page.getByRole('button', { name: 'Lost', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Close as lost' });
    await dialog.getByLabel('Delivery too slow').check();
    await dialog.getByRole('button', { name: 'Close as lost' }).click();
    await expect.poll(async () => prop(await deal(), 'status_id')).toBe(143);
    expect(prop(await deal(), 'loss_reason_id')).toBe(lossReasonId);
    await page.getByText('Reason: Delivery too slow').waitFor();

    // Reopen: back to an open stage clears the reason.
    await page.getByRole('button', { name: `Move to stage “${target.name}”` }).click();
    await expect.poll(async () => prop(await deal(), 'status_id')).toBe(target.id);
  });

  it('adds a note and pins it', async () => {
    await page.getByRole('textbox', { name: 'Note' }).fill('Client wants delivery on Saturday');
    await page.getByRole('button', { name: 'Add note' }).click();
    const feed = page.getByRole('feed', { name: 'History' });
    await feed.getByText('Client wants delivery on Saturday').waitFor();
    const notes = embedded(await api.get(`/api/v4/leads/${dealId}/notes`), 'notes');
    expect(notes.map((n) => prop(prop(n, 'params'), 'text'))).toContain('Client wants delivery on Saturday');

    await feed.getByRole('button', { name: 'Pin to the top' }).first().click();
    await feed.getByRole('button', { name: 'Unpin' }).waitFor();

    // The filter asks the server for notes only.
    await page.getByText('Notes', { exact: true }).click();
    await expect.poll(() => feed.locator('[data-kind="event"]').count()).toBe(0);
    await feed.getByText('Client wants delivery on Saturday').waitFor();
    await page.getByText('Changes', { exact: true }).click();
    await expect.poll(() => feed.locator('[data-kind="note"]').count()).toBe(0);
    await feed.getByText('Deal created').waitFor();
    await page.getByText('All', { exact: true }).click();
    await feed.getByText('Client wants delivery on Saturday').waitFor();
  });

  it('adds a task with a quick deadline and completes it with a result', async () => {
    await page.getByRole('tab', { name: 'Task' }).click();
    await page.locator('label', { hasText: 'Tomorrow' }).click();
    await page.getByRole('textbox', { name: 'What to do' }).fill('Call about the fabric');
    await page.getByRole('button', { name: 'Add task' }).click();
    const feed = page.getByRole('feed', { name: 'History' });
    await feed.getByText('Call about the fabric').waitFor();

    const tasks = embedded(
      await api.get(`/api/v4/tasks?filter[entity_type]=leads&filter[entity_id][]=${dealId}`),
      'tasks',
    );
    expect(tasks).toHaveLength(1);
    const due = Number(tasks[0]?.complete_till);
    const tomorrow = new Date();
    tomorrow.setDate(tomorrow.getDate() + 1);
    tomorrow.setHours(23, 59, 0, 0);
    expect(due).toBe(tomorrow.getTime() / 1000);

    await feed.getByRole('button', { name: 'Done' }).click();
    const dialog = page.getByRole('dialog', { name: 'Complete the task' });
    await dialog.getByLabel('Result').fill('Sent three samples');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await feed.getByText('Result: Sent three samples').waitFor();
    const task = await api.get(`/api/v4/tasks/${String(tasks[0]?.id)}`);
    expect(prop(task, 'is_completed')).toBe(true);
    expect(prop(prop(task, 'result'), 'text')).toBe('Sent three samples');
  });

  it('finds a contact by a differently written phone and links it', async () => {
    await page.getByRole('button', { name: 'Add contact' }).click();
    await page.getByLabel('Find a contact').fill('8 912 345 67 89');
    await page.getByRole('option', { name: /Olga Petrova/ }).click();
    await page.getByRole('region', { name: 'Olga Petrova' }).waitFor();
    const linked = embedded(await deal(), 'contacts').map((c) => c.id);
    expect(linked).toEqual([contactId]);
    // The feed says what happened, by field name and with the linked record.
    const feed = page.getByRole('feed', { name: 'History' });
    await feed.getByText(`#${contactId}`).first().waitFor();
    await feed.getByText('Goal:').first().waitFor();
  });

  it('creates a company from the card and links it', async () => {
    await page.getByRole('button', { name: 'Add company' }).click();
    await page.getByLabel('Find a company').fill('Sofa World LLC');
    await page.getByRole('button', { name: 'Create company “Sofa World LLC”' }).click();
    await page.getByRole('region', { name: 'Sofa World LLC' }).waitFor();
    const companies = embedded(await deal(), 'companies');
    expect(companies).toHaveLength(1);
    expect(prop(await api.get(`/api/v4/companies/${String(companies[0]?.id)}`), 'name')).toBe(
      'Sofa World LLC',
    );
    await screenshot(page, 'deal-card');
  });

  it('deletes the deal and restores it', async () => {
    await page.getByRole('button', { name: 'Deal actions' }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    await page
      .getByRole('dialog', { name: 'Delete the deal?' })
      .getByRole('button', { name: 'Delete' })
      .click();
    await page.getByText('This deal is deleted').waitFor();
    await page.getByRole('button', { name: 'Restore' }).click();
    await page.getByText('This deal is deleted').waitFor({ state: 'detached' });
    expect(prop(await deal(), 'is_deleted')).toBe(false);
  });

  it('fits a phone screen in the dark theme', async () => {
    const phone = await tab.context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.addInitScript(() => localStorage.setItem('voronka-color-scheme', 'dark'));
    await phone.goto(new URL(`/deals/${dealId}`, server.url).href);
    await phone.getByRole('textbox', { name: 'Deal name' }).waitFor();
    await phone.getByRole('feed', { name: 'History' }).waitFor();
    expect(
      await phone.evaluate(() => document.documentElement.getAttribute('data-mantine-color-scheme')),
    ).toBe('dark');
    // Nothing wider than the screen: the page does not scroll sideways.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(phone, 'deal-card-phone-dark');
    await phone.close();
  });

  it('logged no console errors', () => {
    expect(tab.consoleErrors).toEqual([]);
  });
});
