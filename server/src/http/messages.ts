import type { Language } from '@voronka/common';

/**
 * The server's message catalogue: what a refusal says, in English (the text /api/v4 answers,
 * unchanged for amoCRM clients) and in Russian. `{name}` marks a parameter (a field's, stage's or
 * pipeline's name, an id, a number). The web app answers (/api/app) take the user's language.
 */
export const messages = {
  // Generic problems (http/error-handler.ts, http/auth.ts, http/problem.ts).
  'http.bad_request': { en: 'Request validation failed', ru: 'Проверьте введённые данные' },
  'http.unauthorized': { en: 'Authorization required', ru: 'Войдите в систему' },
  'http.invalid_token': { en: 'Invalid or expired access token', ru: 'Ключ доступа неверен или истёк' },
  'http.forbidden': { en: 'Access denied', ru: 'Доступ запрещён' },
  'http.admin_only': { en: 'Only administrators may do this', ru: 'Это может только администратор' },
  'http.csrf': {
    en: 'Missing or wrong CSRF token',
    ru: 'Сессия устарела: обновите страницу и повторите',
  },
  'http.cross_origin': { en: 'Cross-origin request refused', ru: 'Запрос с другого сайта отклонён' },
  'http.not_found': { en: 'Not found', ru: 'Не найдено' },
  'http.too_large': { en: 'Request body is too large', ru: 'Слишком большой запрос' },
  'http.internal': { en: 'Internal error; see the server log', ru: 'Внутренняя ошибка сервера' },
  'http.invalid_value': { en: 'Invalid value', ru: 'Неверное значение' },

  // Sign-in (modules/auth).
  'auth.wrong_password': { en: 'Wrong e-mail or password', ru: 'Неверный e-mail или пароль' },
  'auth.locked': {
    en: 'Too many failed sign-in attempts. Sign-in is locked for {minutes} min.',
    ru: 'Слишком много неудачных попыток входа. Вход заблокирован на {minutes} мин.',
  },

  // Policy refusals (modules/policy/guards.ts).
  'policy.deal_not_found': { en: 'Deal {id} not found', ru: 'Сделка {id} не найдена' },
  'policy.deal_edit': { en: 'You may not edit this deal', ru: 'У вас нет права изменять эту сделку' },
  'policy.deal_delete': { en: 'You may not delete this deal', ru: 'У вас нет права удалять эту сделку' },
  'policy.deal_export': {
    en: 'You may not export this deal',
    ru: 'У вас нет права выгружать эту сделку',
  },
  'policy.deal_move_in': {
    en: 'You may not move_in this deal',
    ru: 'У вас нет права переносить эту сделку в этот этап',
  },
  'policy.deal_move_out': {
    en: 'You may not move this deal out of its stage',
    ru: 'У вас нет права переносить эту сделку из её этапа',
  },
  'policy.move_into_stage': {
    en: 'You may not move deals into this stage',
    ru: 'У вас нет права переносить сделки в этот этап',
  },
  'policy.create_here': { en: 'You may not create deals here', ru: 'У вас нет права создавать сделки здесь' },
  'policy.contact_not_found': { en: 'No contact {id}', ru: 'Контакт {id} не найден' },
  'policy.company_not_found': { en: 'No company {id}', ru: 'Компания {id} не найдена' },
  'policy.task_not_found': { en: 'No task {id}', ru: 'Задача {id} не найдена' },
  'policy.record_action': {
    en: 'You may not {action} this {entity}',
    ru: 'У вас нет права {action_ru} {this_ru}',
  },

  // Process rules (modules/process).
  'process.refused': {
    en: 'The process rules refuse this change',
    ru: 'Регламент не позволяет это изменение',
  },
  'process.required_field': {
    en: '"{field}" is required in stage "{stage}"',
    ru: 'Поле «{field_ru}» обязательно на этапе «{stage}»',
  },
  'process.loss_reason_required': {
    en: 'A loss reason is required to close the deal as lost',
    ru: 'Чтобы закрыть сделку как проигранную, укажите причину отказа',
  },
  'process.rule_violated': {
    en: '"{field}" must {op_en}{value} ({rule})',
    ru: 'Поле «{field_ru}» должно {op_ru}{value} ({rule_ru})',
  },
  'process.rule_not_found': { en: 'Rule not found', ru: 'Правило не найдено' },
  'process.reanimation_not_found': {
    en: 'Reanimation rule not found',
    ru: 'Правило реанимации не найдено',
  },
  'process.say_why_lost': { en: 'Say why the client did not buy', ru: 'Укажите, почему клиент не купил' },
  'process.blocker_not_found': { en: 'deal not found', ru: 'сделка не найдена' },
  'process.blocker_other_pipeline': {
    en: 'the deal is in another pipeline',
    ru: 'сделка в другой воронке',
  },
  'process.blocker_closed': { en: 'the deal is closed', ru: 'сделка закрыта' },
  'process.blocker_days': {
    en: 'in the pipeline {days} of {min} days',
    ru: 'в воронке {days} из {min} дн.',
  },
  'process.blocker_tag': { en: 'tagged "{tag}"', ru: 'есть тег «{tag}»' },
  'process.blocker_condition': {
    en: 'condition on {field} not met',
    ru: 'не выполнено условие по полю «{field_ru}»',
  },
  'process.pipeline_not_found': { en: 'Pipeline {id} not found', ru: 'Воронка {id} не найдена' },
  'process.stage_not_in_pipeline': {
    en: 'Stage {id} not found in the pipeline',
    ru: 'Этап {id} не найден в воронке',
  },
  'process.one_stage': { en: 'This rule is about one stage', ru: 'Это правило задаётся для одного этапа' },
  'process.one_pipeline': {
    en: 'A reanimation rule is about one pipeline',
    ru: 'Правило реанимации задаётся для одной воронки',
  },
  'process.target_stage_not_found': { en: 'Target stage not found', ru: 'Целевой этап не найден' },
  'process.field_not_found': { en: 'Deal field {id} not found', ru: 'Поле сделки {id} не найдено' },
  'process.unknown_user': { en: 'Unknown user', ru: 'Неизвестный пользователь' },

  // Pipelines and stages (modules/pipelines, the board's moves in modules/deals).
  'pipeline.not_found': { en: 'Pipeline not found', ru: 'Воронка не найдена' },
  'pipeline.id_not_found': { en: 'Pipeline {id} not found', ru: 'Воронка {id} не найдена' },
  'pipeline.archived': { en: 'The pipeline is archived', ru: 'Воронка в архиве' },
  'pipeline.no_open_stage': { en: 'The pipeline has no open stage', ru: 'В воронке нет открытых этапов' },
  'pipeline.admin_only': {
    en: 'Only administrators may change pipelines',
    ru: 'Воронки может менять только администратор',
  },
  'pipeline.max_pipelines': {
    en: 'An account has at most {max} pipelines',
    ru: 'В аккаунте может быть не больше {max} воронок',
  },
  'pipeline.max_stages': {
    en: 'A pipeline has at most {max} stages',
    ru: 'В воронке может быть не больше {max} этапов',
  },
  'pipeline.main_not_archived': {
    en: 'The main pipeline cannot be archived',
    ru: 'Главную воронку нельзя отправить в архив',
  },
  'pipeline.main_not_deleted': {
    en: 'The main pipeline cannot be deleted',
    ru: 'Главную воронку нельзя удалить',
  },
  'pipeline.make_another_main': {
    en: 'Make another pipeline the main one instead',
    ru: 'Вместо этого сделайте главной другую воронку',
  },
  'pipeline.holds_deals': {
    en: 'The pipeline holds {count} deal(s), counting the trash: move or delete them first',
    ru: 'В воронке сделок: {count} (с корзиной); сначала перенесите или удалите их',
  },
  'stage.holds_deals': {
    en: 'The stage holds {count} deal(s): pass move_to=<status_id> to move them before deleting it',
    ru: 'На этапе сделок: {count}; выберите этап, куда их перенести перед удалением',
  },
  'stage.bad_move_to': {
    en: 'move_to must be another status of this account',
    ru: 'Сделки можно перенести только на другой этап этого аккаунта',
  },
  'stage.not_found': { en: 'Status not found', ru: 'Этап не найден' },
  'stage.board_not_found': { en: 'Stage not found', ru: 'Этап не найден' },
  'stage.id_not_found': { en: 'Stage {id} not found', ru: 'Этап {id} не найден' },
  'stage.status_id_not_found': { en: 'Status {id} not found', ru: 'Этап {id} не найден' },
  'stage.not_in_pipeline': {
    en: 'Status {id} does not belong to pipeline {pipeline}',
    ru: 'Этап {id} не относится к воронке {pipeline}',
  },
  'stage.fixed_not_deleted': {
    en: 'The incoming, won and lost stages cannot be deleted',
    ru: 'Этапы «Неразобранное», «Успешно реализовано» и «Закрыто и не реализовано» нельзя удалить',
  },
  'stage.keep_one_open': {
    en: 'A pipeline keeps at least one open stage',
    ru: 'В воронке должен остаться хотя бы один открытый этап',
  },
  'stage.fixed_keep_places': {
    en: 'The incoming, won and lost stages keep their places',
    ru: 'Этапы «Неразобранное», «Успешно реализовано» и «Закрыто и не реализовано» не перемещаются',
  },
  'deal.not_found': { en: 'Deal {id} not found', ru: 'Сделка {id} не найдена' },
  'deal.bad_anchor': {
    en: 'Deal {id} is not another card of that stage',
    ru: 'Сделка {id} не другая карточка этого этапа',
  },
  'deal.loss_reason_not_found': {
    en: 'Loss reason {id} not found',
    ru: 'Причина отказа {id} не найдена',
  },
  'loss_reason.not_found': { en: 'Loss reason not found', ru: 'Причина отказа не найдена' },

  // Users and groups (modules/users).
  'user.not_found': { en: 'User not found', ru: 'Пользователь не найден' },
  'user.no_role': { en: 'No role {id} in this account', ru: 'Роли {id} нет в этом аккаунте' },
  'user.no_group': { en: 'No group {id} in this account', ru: 'Отдела {id} нет в этом аккаунте' },
  'user.own_admin': {
    en: 'You cannot remove your own admin rights',
    ru: 'Нельзя снять права администратора с самого себя',
  },
  'user.deactivate_self': { en: 'You cannot deactivate yourself', ru: 'Нельзя отключить самого себя' },
  'user.email_taken': {
    en: 'A user with this e-mail already exists',
    ru: 'Пользователь с таким e-mail уже есть',
  },
  'user.keep_admin': {
    en: 'The account must keep an active administrator',
    ru: 'В аккаунте должен остаться активный администратор',
  },
  'user.password_short': { en: 'At least {min} characters', ru: 'Не короче {min} символов' },
  'group.not_found': { en: 'Group not found', ru: 'Отдел не найден' },
  'group.name_taken': { en: 'A group with this name exists', ru: 'Отдел с таким названием уже есть' },
} as const satisfies Record<string, Record<Language, string>>;

export type MessageKey = keyof typeof messages;
export type MessageParams = Record<string, string | number>;

/** A catalogue message with its parameters, rendered in the reader's language at the edge. */
export type Msg = { key: MessageKey; params?: MessageParams };

export const msg = (key: MessageKey, params?: MessageParams): Msg => (params ? { key, params } : { key });

export const isMessageKey = (key: unknown): key is MessageKey =>
  typeof key === 'string' && Object.hasOwn(messages, key);

/** The message in `lang`; a parameter the text names but the caller left out stays as `{name}`. */
export function translate(m: Msg, lang: Language): string {
  const params = m.params ?? {};
  return messages[m.key][lang].replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/** The English text: what /api/v4 answers and the audit log keeps. */
export const english = (m: Msg): string => translate(m, 'en');
