import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { signedInClient, type Client } from '../deals/deals.test-support.ts';

let t: TestApp;
afterEach(async () => {
  await t.close();
});

const formInput = (overrides: Record<string, unknown> = {}) => ({
  name: 'Запись на курс <b>bold</b>',
  lang: 'ru',
  pipeline_id: null,
  is_active: true,
  settings: {
    fields: [
      { key: 'name', label: 'Имя', type: 'text', target: 'contact_name', required: true },
      { key: 'phone', label: 'Телефон', type: 'phone', target: 'contact_phone', required: true },
      { key: 'email', label: 'Email', type: 'email', target: 'contact_email', required: false },
      {
        key: 'course',
        label: 'Курс',
        type: 'select',
        target: 'none',
        required: false,
        options: ['English', 'Math'],
      },
      { key: 'comment', label: 'Комментарий', type: 'textarea', target: 'none', required: false },
    ],
    consent: { enabled: true, text: 'Согласен на обработку персональных данных' },
    submit_label: '',
    success: { mode: 'text', text: 'Спасибо, перезвоним!', redirect_url: '' },
  },
  ...overrides,
});

async function setup(env: Record<string, string> = {}, overrides: Record<string, unknown> = {}) {
  t = await buildTestApp(env);
  const c = await signedInClient(t.app);
  const res = await c.call('POST', '/api/app/forms', formInput(overrides));
  if (res.statusCode !== 200) throw new Error(res.body);
  const form: { id: number; uid: string; links: { page: string; script: string } } = res.json();
  return { c, form };
}

const post = (uid: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url: `/public/forms/${uid}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: new URLSearchParams(fields).toString(),
  });

const good = { name: 'Мария', phone: '+7 912 111-22-33', consent: 'on', course: 'English' };

type Entry = {
  contact: { id: number; is_new: boolean };
  deal: { id: number };
  duplicates: unknown[];
  payload: { fields: Array<{ label: string; value: string }> };
} & Record<string, unknown>;

async function entries(c: Client) {
  const res = await c.call('GET', '/api/app/inbox?status=new');
  const body: { items: Entry[] } = res.json();
  return body.items;
}

describe('hosted web form', () => {
  it('serves the page escaped, with the hidden context, and embeds by script', async () => {
    const { form } = await setup();
    expect(form.links.script).toContain(`/public/forms/${form.uid}/embed.js`);
    const page = await t.app.inject({
      url: `/public/forms/${form.uid}?utm_source=ya&utm_campaign=<script>x</script>`,
      headers: { referer: 'https://school.example/landing' },
    });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['content-security-policy']).toContain("script-src 'nonce-");
    expect(page.body).toContain('Запись на курс &#60;b&#62;bold&#60;/b&#62;');
    expect(page.body).not.toContain('<b>bold</b>');
    expect(page.body).not.toContain('<script>x</script>');
    expect(page.body).toContain('value="https://school.example/landing"');
    const script = await t.app.inject({ url: `/public/forms/${form.uid}/embed.js` });
    expect(script.headers['content-type']).toContain('javascript');
    expect(script.body).toContain('createElement("iframe")');
  });

  it('turns a submission into an inbox entry with contact, answers, page, referrer and UTM', async () => {
    const { c, form } = await setup();
    const res = await post(form.uid, {
      ...good,
      comment: '<img src=x onerror=alert(1)> позвоните вечером',
      _page: 'https://school.example/landing?utm_source=ya',
      _ref: 'https://yandex.ru/',
      utm_source: 'ya',
      utm_campaign: 'spring',
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Спасибо, перезвоним!');
    const [entry] = await entries(c);
    expect(entry).toMatchObject({
      category: 'forms',
      source: { name: 'Запись на курс <b>bold</b>' },
      contact: { name: 'Мария', is_new: true },
      metadata: {
        form_page: 'https://school.example/landing?utm_source=ya',
        referer: 'https://yandex.ru/',
        utm_source: 'ya',
        utm_campaign: 'spring',
      },
      payload: { contact: { name: 'Мария', phones: ['+7 912 111-22-33'] } },
    });
    expect(entry?.payload.fields).toContainEqual({
      label: 'Комментарий',
      value: '<img src=x onerror=alert(1)> позвоните вечером',
    });
    const deal = await t.database.db
      .selectFrom('deals')
      .selectAll()
      .where('id', '=', entry?.deal.id ?? 0)
      .executeTakeFirstOrThrow();
    expect(deal).toMatchObject({ utm_source: 'ya', utm_campaign: 'spring' });
    const notes = await c.call('GET', `/api/v4/leads/${entry?.deal.id}/notes`);
    expect(notes.json()._embedded.notes[0].params.text).toContain('Курс: English');
  });

  it('links the second submission with the same phone in another format to the same contact', async () => {
    const { c, form } = await setup();
    await post(form.uid, good);
    await post(form.uid, { ...good, name: 'Маша', phone: '89121112233' });
    const [second, first] = await entries(c);
    expect(second?.contact.id).toBe(first?.contact.id);
    expect(second?.contact.is_new).toBe(false);
    expect(second?.duplicates).toEqual([
      expect.objectContaining({ id: first?.contact.id, matched_by: ['phone'] }),
    ]);
  });

  it('refuses malformed answers in the form language, keeping what was typed, and stores nothing', async () => {
    const { c, form } = await setup({}, { lang: 'en' });
    const res = await post(form.uid, {
      name: '"><script>alert(1)</script>',
      phone: '12ab',
      email: 'nope',
      course: 'Chemistry',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Enter the full phone number');
    expect(res.body).toContain('Enter an email');
    expect(res.body).toContain('Choose one of the options');
    expect(res.body).toContain('Your consent is required');
    expect(res.body).toContain('value="&#34;&#62;&#60;script&#62;alert(1)&#60;/script&#62;"');
    expect(res.body).not.toContain('<script>alert(1)</script>');
    expect(await entries(c)).toEqual([]);
    const json = await t.app.inject({
      method: 'POST',
      url: `/public/forms/${form.uid}`,
      payload: { name: 'A', phone: '1' },
    });
    expect(json.statusCode).toBe(400);
    expect(json.headers['content-type']).toContain('application/problem+json');
    expect(json.json()['validation-errors'][0].errors).toContainEqual(
      expect.objectContaining({ path: 'phone' }),
    );
  });

  it('tells a bot filling the honeypot that it worked, and stores nothing', async () => {
    const { c, form } = await setup();
    const res = await post(form.uid, { ...good, website_url: 'http://spam.example' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Спасибо, перезвоним!');
    expect(await entries(c)).toEqual([]);
  });

  it('limits submissions per IP and refuses a 20 MB post cleanly', async () => {
    const { c, form } = await setup({ FORM_SUBMISSIONS_PER_IP: '3' });
    const codes: number[] = [];
    for (let i = 0; i < 5; i++)
      codes.push((await post(form.uid, { ...good, phone: `+7912000000${i}` })).statusCode);
    expect(codes).toEqual([200, 200, 200, 429, 429]);
    expect(await entries(c)).toHaveLength(3);

    const huge = await post(form.uid, { ...good, comment: 'x'.repeat(20 * 1024 * 1024) });
    expect(huge.statusCode).toBe(413);
    expect(huge.headers['content-type']).toContain('text/html');
    expect(huge.body).toContain('Форма слишком большая');
    expect(await entries(c)).toHaveLength(3);
  });

  it('takes posts from other sites even from a signed-in browser, and not for a switched-off form', async () => {
    const { c, form } = await setup();
    const res = await post(form.uid, good, {
      origin: 'https://school.example',
      cookie: c.admin.cookie,
    });
    expect(res.statusCode).toBe(200);
    const off = await t.app.inject({
      method: 'PUT',
      url: `/api/app/forms/${form.id}`,
      headers: { cookie: c.admin.cookie, 'x-csrf-token': c.admin.csrf },
      payload: formInput({ is_active: false }),
    });
    expect(off.statusCode).toBe(200);
    expect((await post(form.uid, good)).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/public/forms/${form.uid}` })).statusCode).toBe(404);
  });

  it('validates the builder input', async () => {
    const { c } = await setup();
    const bad = await c.call(
      'POST',
      '/api/app/forms',
      formInput({
        settings: {
          ...formInput().settings,
          success: { mode: 'redirect', text: '', redirect_url: 'javascript:alert(1)' },
        },
      }),
    );
    expect(bad.statusCode).toBe(400);
  });
});
