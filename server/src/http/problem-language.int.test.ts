import type { LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../test/app.ts';
import { createLeads, mainPipeline } from '../modules/deals/deals.test-support.ts';
import { salesTeam } from '../modules/policy/rights.test-support.ts';
import { acceptedLanguage } from './language.ts';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

const details = (res: LightMyRequestResponse): string[] =>
  (res.json()['validation-errors'][0].errors as Array<{ detail: string }>).map((e) => e.detail);

/** The sales team (everyone Russian, as users are by default) and a way to switch a user's language. */
async function team() {
  const s = await salesTeam(t);
  const setLang = async (userId: number, lang: 'ru' | 'en') =>
    s.ok(await s.admin.call('PATCH', `/api/app/users/${userId}`, { lang }));
  return { ...s, setLang };
}

describe('problem texts: the user language on /api/app, English on /api/v4', () => {
  it('a stage-rights refusal, and its audit entry in the reader language', async () => {
    const { admin, me, giveRole, setLang } = await team();
    const main = await mainPipeline(admin);
    const [working, payment] = main.open.map((s) => s.id);
    await giveRole(me, {
      leads: { view: 'A', edit: 'A', add: 'A', delete: 'A', export: 'A' },
      status_rights: [
        { entity_type: 'leads', pipeline_id: main.id, status_id: payment, rights: { move_in: 'D' } },
      ],
    });
    const [deal] = await createLeads(admin, [
      { name: 'Ирина', status_id: working, responsible_user_id: me.userId },
    ]);

    const ru = await me.call('POST', `/api/app/deals/${deal}/move`, { stage_id: payment });
    expect(ru.statusCode).toBe(403);
    expect(ru.json()).toMatchObject({
      title: 'Доступ запрещён',
      detail: 'У вас нет права переносить сделки в этот этап',
    });
    const v4 = await me.call('PATCH', `/api/v4/leads/${deal}`, { status_id: payment });
    expect(v4.statusCode).toBe(403);
    expect(v4.json()).toMatchObject({ title: 'Forbidden', detail: 'You may not move deals into this stage' });

    await setLang(me.userId, 'en');
    const en = await me.call('POST', `/api/app/deals/${deal}/move`, { stage_id: payment });
    expect(en.json()).toMatchObject({ title: 'Forbidden', detail: 'You may not move deals into this stage' });

    // The log keeps the key beside the English sentence; Settings -> Audit words it for its reader.
    const audit = async () =>
      (await admin.call('GET', '/api/app/audit?denied=1'))
        .json()
        .items.map((i: { after: Array<{ detail: string; detail_key: string }> }) => i.after[0]);
    const ruLog = await audit();
    expect(ruLog).toHaveLength(3);
    for (const entry of ruLog)
      expect(entry).toMatchObject({
        detail: 'У вас нет права переносить сделки в этот этап',
        detail_key: 'policy.move_into_stage',
      });
    await setLang(admin.userId, 'en');
    for (const entry of await audit()) expect(entry.detail).toBe('You may not move deals into this stage');
  });

  it('process rules: required fields, the loss reason and validation errors', async () => {
    const { admin, me, giveRole, setLang } = await team();
    await giveRole(me, { leads: { view: 'A', edit: 'A', add: 'A', delete: 'A', export: 'A' } });
    const main = await mainPipeline(admin);
    const [working, invoice] = main.open;
    if (!working || !invoice) throw new Error('need two open stages');
    for (const body of [
      {
        kind: 'required_fields',
        name: 'Счёт',
        pipeline_id: main.id,
        stage_id: invoice.id,
        config: { fields: [{ builtin: 'price' }] },
      },
      { kind: 'loss_reason', name: 'Причина', pipeline_id: main.id, config: {} },
    ])
      expect((await admin.call('POST', '/api/app/process-rules', body)).statusCode).toBe(200);
    const [deal] = await createLeads(admin, [
      { name: 'Без бюджета', status_id: working.id, responsible_user_id: me.userId },
    ]);
    const lost = await t.database.db
      .selectFrom('stages')
      .select('id')
      .where('pipeline_id', '=', main.id)
      .where('kind', '=', 'lost')
      .executeTakeFirstOrThrow();

    const toInvoice = await me.call('POST', `/api/app/deals/${deal}/move`, { stage_id: invoice.id });
    expect(toInvoice.statusCode).toBe(400);
    expect(toInvoice.json()).toMatchObject({
      title: 'Неверный запрос',
      detail: 'Регламент не позволяет это изменение',
      required_fields: [{ builtin: 'price' }],
    });
    expect(details(toInvoice)).toEqual([`Поле «Бюджет» обязательно на этапе «${invoice.name}»`]);
    const close = await me.call('POST', `/api/app/deals/${deal}/move`, { stage_id: lost.id });
    expect(details(close)).toEqual(['Чтобы закрыть сделку как проигранную, укажите причину отказа']);

    const v4 = await me.call('PATCH', `/api/v4/leads/${deal}`, { status_id: invoice.id });
    expect(v4.json()).toMatchObject({ title: 'Bad Request', detail: 'The process rules refuse this change' });
    expect(details(v4)).toEqual([`"price" is required in stage "${invoice.name}"`]);
    expect(details(await me.call('PATCH', `/api/v4/leads/${deal}`, { status_id: 143 }))).toEqual([
      'A loss reason is required to close the deal as lost',
    ]);

    await setLang(me.userId, 'en');
    const en = await me.call('POST', `/api/app/deals/${deal}/move`, { stage_id: invoice.id });
    expect(en.json().detail).toBe('The process rules refuse this change');
    expect(details(en)).toEqual([`"price" is required in stage "${invoice.name}"`]);

    // Saving a rule: the same field error in both languages.
    const bad = {
      kind: 'required_fields',
      pipeline_id: main.id,
      stage_id: null,
      config: { fields: [{ builtin: 'price' }] },
    };
    expect(details(await admin.call('POST', '/api/app/process-rules', bad))).toContain(
      'Это правило задаётся для одного этапа',
    );
    await setLang(admin.userId, 'en');
    expect(details(await admin.call('POST', '/api/app/process-rules', bad))).toContain(
      'This rule is about one stage',
    );
  });

  it('generic texts: sign-in, administrators only, not found, validation and too large a body', async () => {
    const { admin, me, setLang } = await team();
    // Signed out: the browser's Accept-Language; /api/v4 stays English whatever it asks for.
    const signedOut = (url: string, lang: string) =>
      t.app.inject({ method: 'GET', url, headers: { 'accept-language': lang } });
    expect((await signedOut('/api/app/users', 'ru-RU,ru;q=0.9,en;q=0.8')).json()).toMatchObject({
      title: 'Нужен вход',
      detail: 'Войдите в систему',
    });
    expect((await signedOut('/api/app/users', 'en-GB')).json().detail).toBe('Authorization required');
    expect((await signedOut('/api/v4/leads', 'ru')).json()).toMatchObject({
      title: 'Unauthorized',
      detail: 'Authorization required',
    });
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/app/login',
      headers: { 'accept-language': 'ru' },
      payload: { email: 'nobody@example.com', password: 'wrong password' },
    });
    expect(login.json().detail).toBe('Неверный e-mail или пароль');

    const adminOnly = await me.call('PATCH', '/api/app/account', { name: 'Чужое' });
    expect(adminOnly.json()).toMatchObject({
      title: 'Доступ запрещён',
      detail: 'Это может только администратор',
    });
    const adminOnlyV4 = await me.call('POST', '/api/v4/roles', [{ name: 'Я админ' }]);
    expect(adminOnlyV4.json()).toMatchObject({ title: 'Forbidden' });
    expect(adminOnlyV4.json().detail).toMatch(/^[ -~]+$/);

    expect((await me.call('GET', '/api/app/board?pipeline_id=999999')).json()).toMatchObject({
      title: 'Не найдено',
      detail: 'Воронка не найдена',
    });
    expect((await me.call('GET', '/api/v4/leads/pipelines/999999')).json()).toMatchObject({
      title: 'Not Found',
      detail: 'Pipeline not found',
    });
    expect((await me.call('GET', '/api/app/no-such-route')).json().title).toBe('Не найдено');

    // Request validation: zod's default texts in Russian, the English ones for an English reader.
    const emptyName = await admin.call('POST', '/api/app/user-groups', { name: '' });
    expect(emptyName.json().detail).toBe('Проверьте введённые данные');
    expect(details(emptyName)).toEqual(['Заполните поле']);
    const badEmail = await admin.call('POST', '/api/app/users', {
      name: 'Олег',
      email: 'not-an-email',
      password: 'long enough password',
    });
    expect(details(badEmail)).toEqual(['Неверный адрес e-mail']);
    // A schema's own message is kept as written.
    const currency = await admin.call('PATCH', '/api/app/account', { currency: 'рубли' });
    expect(details(currency)).toEqual(['A three-letter ISO 4217 code, e.g. RUB']);
    const taken = await admin.call('PATCH', `/api/app/users/${me.userId}`, { email: admin.admin.email });
    expect(details(taken)).toEqual(['Пользователь с таким e-mail уже есть']);

    // A body too large is refused before the session is read: the browser's Accept-Language.
    const huge = await t.app.inject({
      method: 'POST',
      url: '/api/app/user-groups',
      headers: { cookie: admin.admin.cookie, 'x-csrf-token': admin.admin.csrf, 'accept-language': 'ru' },
      payload: { name: 'x'.repeat(2 * 1024 * 1024) },
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json()).toMatchObject({ title: 'Слишком большой запрос', detail: 'Слишком большой запрос' });

    await setLang(admin.userId, 'en');
    const emptyEn = await admin.call('POST', '/api/app/user-groups', { name: '' });
    expect(emptyEn.json().detail).toBe('Request validation failed');
    expect(details(emptyEn)).toEqual(['Too small: expected string to have >=1 characters']);
    expect((await admin.call('GET', '/api/app/board?pipeline_id=999999')).json().detail).toBe(
      'Pipeline not found',
    );
  });

  it('reads Accept-Language by preference', () => {
    expect(acceptedLanguage('de-DE,de;q=0.9,ru;q=0.8,en;q=0.7')).toBe('ru');
    expect(acceptedLanguage('en;q=0.5, ru;q=0.6')).toBe('ru');
    expect(acceptedLanguage('fr, ru;q=0')).toBeNull();
    expect(acceptedLanguage(undefined)).toBeNull();
  });
});
