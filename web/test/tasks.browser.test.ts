import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createdId, embedded, prop, setupWithApi, type Api } from './crm-helpers';
import {
  launchBrowser,
  openPage,
  screenshot,
  startTestServer,
  type TestPage,
  type TestServer,
} from './helpers';

const admin = {
  accountName: 'Online School',
  name: 'Anna Smith',
  email: 'anna@school.test',
  password: 'correct horse battery',
  locale: 'en' as const,
};

const HOUR = 3600;

describe('tasks page', () => {
  let server: TestServer;
  let browser: Browser;
  let tab: TestPage;
  let page: Page;
  let api: Api;
  const id: Record<string, number> = {};

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    tab = await openPage(browser, { locale: 'en-GB' });
    page = tab.page;
    api = await setupWithApi(tab.context, server.url, admin);
    await server.addUser({
      name: 'Pavel Moroz',
      email: 'pavel@school.test',
      password: 'pavel password 1',
      lang: 'en',
      isAdmin: false,
    });
    const users = embedded(await api.get('/api/v4/users'), 'users');
    const pavel = Number(users.find((u) => u.name === 'Pavel Moroz')?.id);
    const deal = createdId(await api.post('/api/v4/leads', [{ name: 'Trial lesson for Masha' }]), 'leads');
    const now = Math.floor(Date.now() / 1000);
    const endOfToday = Math.floor(new Date().setUTCHours(23, 59, 0, 0) / 1000);
    const tomorrowNoon =
      Math.floor(new Date(new Date().setUTCHours(12, 0, 0, 0)).getTime() / 1000) + 24 * HOUR;
    const tasks = [
      {
        key: 'overdue',
        text: 'Send the invoice',
        complete_till: now - 2 * HOUR,
        entity_type: 'leads',
        entity_id: deal,
      },
      { key: 'today', text: 'Call Masha back', complete_till: Math.min(now + HOUR, endOfToday) },
      { key: 'tomorrow', text: 'Prepare the trial', complete_till: tomorrowNoon, task_type_id: 2 },
      { key: 'later', text: 'Ask for feedback', complete_till: now + 40 * 24 * HOUR },
      {
        key: 'pavel',
        text: 'Pavel: check payment',
        complete_till: now + 3 * HOUR,
        responsible_user_id: pavel,
      },
    ];
    const created = await api.post(
      '/api/v4/tasks',
      tasks.map(({ key: _key, ...task }) => task),
    );
    embedded(created, 'tasks').forEach((t, i) => {
      const key = tasks[i]?.key;
      if (key) id[key] = Number(t.id);
    });
    await page.goto(new URL('/tasks', server.url).href);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const section = (name: string) => page.getByRole('region', { name });

  it('groups open tasks by when they are due, with what they are about', async () => {
    await section('Overdue').getByText('Send the invoice').waitFor();
    await section('Overdue').getByRole('link', { name: 'Trial lesson for Masha' }).waitFor();
    await section('Tomorrow').getByText('Prepare the trial').waitFor();
    await section('Later').getByText('Ask for feedback').waitFor();
    // "Call Masha back" is due within the hour: today, unless the test runs in the day's last minute.
    await page.getByText('Call Masha back').waitFor();
    await screenshot(page, 'tasks-list');
  });

  it('completes a task from the list with a result', async () => {
    await page.getByRole('button', { name: 'Done: Send the invoice' }).click();
    const dialog = page.getByRole('dialog', { name: 'Complete the task' });
    await dialog.getByLabel('Result').fill('Invoice sent by e-mail');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('article', { name: 'Send the invoice' }).waitFor({ state: 'detached' });
    const task = await api.get(`/api/v4/tasks/${id.overdue}`);
    expect(prop(task, 'is_completed')).toBe(true);
    expect(prop(prop(task, 'result'), 'text')).toBe('Invoice sent by e-mail');
  });

  it('filters by type and by responsible', async () => {
    await page.getByRole('combobox', { name: 'Type' }).click();
    await page.getByRole('option', { name: 'Meeting' }).click();
    await expect.poll(() => page.getByRole('article').count()).toBe(1);
    await page.getByText('Prepare the trial').waitFor();
    expect(new URL(page.url()).searchParams.get('type')).toBe('2');

    await page.getByRole('combobox', { name: 'Type' }).click();
    await page.getByRole('option', { name: 'Meeting' }).click(); // deselects
    await page.getByRole('combobox', { name: 'Responsible' }).click();
    await page.getByRole('option', { name: 'Pavel Moroz' }).click();
    await expect.poll(() => page.getByRole('article').count()).toBe(1);
    await page.getByText('Pavel: check payment').waitFor();
    await page.getByRole('combobox', { name: 'Responsible' }).click();
    await page.getByRole('option', { name: 'Pavel Moroz' }).click();
    await expect.poll(() => page.getByRole('article').count()).toBe(4);
  });

  it('shows tasks on the calendar by month, week and day', async () => {
    await page.getByText('Calendar', { exact: true }).click();
    const today = new Date();
    const label = new Intl.DateTimeFormat('en', { dateStyle: 'medium' }).format(today);
    await page.getByRole('group', { name: label }).getByText('Call Masha back').waitFor();
    // Completed tasks stay on the calendar.
    await page.getByText('Send the invoice').waitFor();

    await page.getByText('Week', { exact: true }).click();
    await page.getByRole('group', { name: label }).getByText('Call Masha back').waitFor();
    expect(new URL(page.url()).searchParams.get('mode')).toBe('week');

    await page.getByText('Day', { exact: true }).click();
    await page.getByText('Call Masha back').waitFor();
    await page.getByRole('button', { name: 'Later' }).click();
    await page.getByText('Prepare the trial').waitFor();
    await screenshot(page, 'tasks-calendar');
  });

  it('logged no console errors', () => {
    expect(tab.consoleErrors).toEqual([]);
  });
});
