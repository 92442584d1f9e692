import type { Page } from 'playwright-core';

/**
 * Seed 002's furniture store funnel as data: the stages and, stage by stage, the triggers of its
 * plan of marketing communications; `addTrigger` enters one in the digital pipeline editor as an
 * administrator would, `storedTrigger` is what the API must answer for it.
 */
export const COLLECT = 'Сбор информации';
export const CLARIFY = 'Уточнение задачи';
export const CHOICE = 'Выбор / поддержание интереса';
export const ORDER = 'Заказ и договор';
export const PAYMENT = 'Оплата и отгрузка';
export const DELIVERY = 'Доставка и обратная связь';
export const STAGES = [COLLECT, CLARIFY, CHOICE, ORDER, PAYMENT, DELIVERY];
const CATALOG_BODY = 'Здравствуйте, {{contact.first_name}}! <a href="https://mebel.test/catalog">Каталог</a>';

export type Action =
  | { type: 'create_task'; text: string }
  | { type: 'send_email'; subject: string; body: string }
  | { type: 'change_stage'; to: string }
  | { type: 'questionnaire' };
export type Spec = {
  stage: string;
  name: string;
  when?: 'created_or_moved' | 'link_clicked';
  delayDays?: number;
  action: Action;
};
const task = (stage: string, text: string, delayDays?: number): Spec => ({
  stage,
  name: text,
  ...(delayDays ? { delayDays } : {}),
  action: { type: 'create_task', text },
});
const email = (stage: string, subject: string, body = CATALOG_BODY, delayDays?: number): Spec => ({
  stage,
  name: subject,
  ...(delayDays ? { delayDays } : {}),
  action: { type: 'send_email', subject, body },
});

/** The seed's plan of marketing communications, stage by stage, as the administrator enters it. */
export const FUNNEL: Spec[] = [
  { stage: COLLECT, name: 'Анкета покупателя', when: 'created_or_moved', action: { type: 'questionnaire' } },
  { ...task(COLLECT, 'Отправить клиенту ссылку на анкету'), when: 'created_or_moved' },
  { ...task(COLLECT, 'Анкета не заполнена: позвонить клиенту', 2), when: 'created_or_moved' },
  email(CLARIFY, 'Диваны разных ценовых сегментов'),
  task(CLARIFY, 'Выяснить особенности конструкции'),
  task(CLARIFY, 'Клиент не перешёл по ссылке: связаться', 3),
  {
    stage: CLARIFY,
    name: 'Клик по ссылке',
    when: 'link_clicked',
    action: { type: 'change_stage', to: CHOICE },
  },
  email(CHOICE, 'Статьи о нашей мебели'),
  email(CHOICE, 'Новинки в салонах', CATALOG_BODY, 1),
  email(CHOICE, 'Отзывы покупателей', CATALOG_BODY, 3),
  email(CHOICE, 'Скидки для вас', CATALOG_BODY, 7),
  task(CHOICE, 'Позвонить для обратной связи', 7),
  // A trigger's name is plain text: the placeholders are in the subject only.
  {
    ...email(ORDER, 'Договор на {{deal.name}}', 'Договор во вложении, {{contact.first_name}}.'),
    name: 'Договор клиенту',
  },
  task(ORDER, 'Оформить и подписать договор'),
  email(PAYMENT, 'Спасибо за доверие', 'Напоминаем об оплате {{deal.budget}} ₽.'),
  task(PAYMENT, 'Проконтролировать оплату и отгрузку'),
  email(DELIVERY, 'Оплата получена, доставка скоро', 'Ждите звонка.'),
  task(DELIVERY, 'Проверить сроки доставки'),
  email(DELIVERY, 'Как ухаживать за мебелью', 'Советы по уходу.', 1),
];

const WHEN_LABEL = {
  created_or_moved: 'Создана в этапе или перешла в него',
  link_clicked: 'Переход по ссылке из письма',
};

type Ids = Record<string, number | undefined>;

/** The trigger as GET /api/app/pipelines/:id/triggers must answer it (ids by stage / field name). */
export function storedTrigger(spec: Spec, stage: Ids, field: Ids): Record<string, unknown> {
  return {
    stage_id: stage[spec.stage],
    is_active: true,
    when: { kind: spec.when ?? 'moved_into' },
    delay: spec.delayDays ? { kind: 'after', amount: spec.delayDays, unit: 'days' } : { kind: 'immediately' },
    action: { type: spec.action.type, params: expectedParams(spec.action) },
  };

  function expectedParams(action: Action): Record<string, unknown> {
    switch (action.type) {
      case 'create_task':
        return { text: action.text, due_in: { amount: 1, unit: 'days' } };
      case 'send_email':
        return { to: 'contact', subject: action.subject, body: action.body, track: true };
      case 'change_stage':
        return { stage_id: stage[action.to] };
      case 'questionnaire':
        return {
          title: 'Анкета покупателя',
          link_field_id: field['Ссылка на анкету'],
          target_stage_id: stage[CLARIFY],
          questions: [
            { label: 'Какой диван вы ищете?', field_id: field['Пожелания'], required: true },
            { label: 'Бюджет', required: false },
          ],
        };
    }
  }
}

/** Opens the editor on the spec's stage column, fills it as an administrator would, and saves. */
export async function addTrigger(page: Page, spec: Spec): Promise<void> {
  const column = page.getByRole('region', { name: spec.stage, exact: true });
  await column.getByRole('button', { name: '+ Добавить триггер' }).click();
  const dialog = page.getByRole('dialog', { name: 'Новый триггер' });
  await dialog.waitFor();
  const choose = async (label: string, option: string) => {
    await dialog.getByRole('combobox', { name: label, exact: true }).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  };
  await dialog.getByRole('textbox', { name: 'Название', exact: true }).fill(spec.name);
  if (spec.when) await choose('Когда', WHEN_LABEL[spec.when]);
  if (spec.delayDays) {
    await choose('Задержка', 'Через интервал');
    await dialog.getByRole('textbox', { name: 'Сколько' }).fill(String(spec.delayDays));
    await choose('Единица задержки', 'дней');
  }
  const a = spec.action;
  if (a.type === 'create_task') {
    await dialog.getByRole('textbox', { name: /^Текст/ }).fill(a.text);
  } else if (a.type === 'send_email') {
    await choose('Действие', 'Отправить письмо');
    await dialog.getByRole('textbox', { name: /^Тема/ }).fill(a.subject);
    await dialog.getByRole('textbox', { name: /^Текст письма/ }).fill(a.body);
  } else if (a.type === 'change_stage') {
    await choose('Действие', 'Сменить этап');
    await dialog.getByRole('combobox', { name: /^Перевести на этап/ }).click();
    await page.getByRole('option', { name: `Мебель Х: ${a.to}`, exact: true }).click();
  } else {
    await choose('Действие', 'Индивидуальная анкета');
    await dialog.getByRole('textbox', { name: 'Заголовок' }).fill('Анкета покупателя');
    await dialog.getByRole('combobox', { name: /^Поле для ссылки на анкету/ }).click();
    await page.getByRole('option', { name: 'Ссылка на анкету', exact: true }).click();
    await dialog.getByRole('combobox', { name: /^Этап после заполнения/ }).click();
    await page.getByRole('option', { name: `Мебель Х: ${CLARIFY}`, exact: true }).click();
    await dialog.getByRole('button', { name: '+ Добавить вопрос' }).click();
    await dialog.getByRole('button', { name: '+ Добавить вопрос' }).click();
    await dialog.getByRole('textbox', { name: 'Вопрос 1', exact: true }).fill('Какой диван вы ищете?');
    await dialog.getByRole('combobox', { name: 'Ответ записать в поле' }).first().click();
    await page.getByRole('option', { name: 'Пожелания', exact: true }).click();
    await dialog.getByRole('switch', { name: 'Обязательный' }).first().click({ force: true });
    await dialog.getByRole('textbox', { name: 'Вопрос 2', exact: true }).fill('Бюджет');
  }
  await dialog.getByRole('button', { name: 'Сохранить' }).click();
  await dialog.waitFor({ state: 'detached' });
  await column.getByText(spec.name, { exact: true }).waitFor();
}
