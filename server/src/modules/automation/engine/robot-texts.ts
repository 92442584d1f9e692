/**
 * What the robot writes in the deal's feed and the run log after an action, in the account's
 * language (written once, when the run happens, like the rest of the feed).
 */
const TEXTS = {
  responsible: { en: 'responsible: {name}', ru: 'ответственный: {name}' },
  alreadyInStage: { en: 'already in «{stage}»', ru: 'уже на этапе «{stage}»' },
  movedToStage: { en: 'moved to «{stage}»', ru: 'переведена на этап «{stage}»' },
  tasksCompleted: { en: '{count} task(s) completed', ru: 'закрыто задач: {count}' },
  dealCreated: { en: 'deal «{name}» created', ru: 'создана сделка «{name}»' },
  taskCreated: { en: 'task «{text}»', ru: 'задача «{text}»' },
  tags: { en: 'tags {changes}', ru: 'теги {changes}' },
  usersNotified: { en: '{count} user(s) notified', ru: 'уведомлено пользователей: {count}' },
  questionnaire: { en: 'questionnaire link {url}', ru: 'ссылка на анкету {url}' },
  emailSent: { en: 'email «{subject}» sent to {to}', ru: 'письмо «{subject}» отправлено на {to}' },
  messageSent: { en: 'message via {channel}: {text}', ru: 'сообщение через {channel}: {text}' },
  smsSent: { en: 'SMS to {phone}: {text}', ru: 'SMS на {phone}: {text}' },
  webhookSent: { en: 'webhook {host} → {status}', ru: 'вебхук {host} → {status}' },
  budgetSet: { en: 'budget = {value}', ru: 'бюджет = {value}' },
  fieldSet: { en: 'field «{field}» = {value}', ru: 'поле «{field}» = {value}' },
  ga4Event: { en: 'GA4 event {name}', ru: 'событие GA4 {name}' },
} as const;

export type RobotTextKey = keyof typeof TEXTS;
export type RobotSay = (key: RobotTextKey, params?: Record<string, string | number>) => string;

/** The robot's phrases in `locale` (Russian unless the account is in English). */
export const robotSay =
  (locale: string): RobotSay =>
  (key, params = {}) =>
    TEXTS[key][locale === 'en' ? 'en' : 'ru'].replace(/\{(\w+)\}/g, (m, name: string) =>
      name in params ? String(params[name]) : m,
    );
