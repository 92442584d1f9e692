import type { Language } from '@voronka/common';
import { z } from 'zod';

/** What fastify-type-provider-zod keeps of a zod issue: its code, message and the rest as params. */
export type ValidationEntry = { keyword: string; message?: string | undefined; params: unknown };

type Issue = { code: string; message: string } & Record<string, unknown>;

const enLocale = z.locales.en().localeError;
const ruLocale = z.locales.ru().localeError;
const render = (map: typeof enLocale, issue: Issue): string | undefined => {
  const out = map(issue as never);
  return typeof out === 'string' ? out : out?.message;
};

const typeWords: Record<string, string> = {
  string: 'текст',
  number: 'число',
  int: 'целое число',
  boolean: 'да или нет',
  array: 'список',
  object: 'объект',
  date: 'дата',
  bigint: 'целое число',
};

const num = (v: unknown) => (typeof v === 'number' || typeof v === 'bigint' ? String(v) : '?');

/** Russian for the issues a form meets most; the rest take zod's own Russian locale. */
function russian(issue: Issue): string | undefined {
  const { code, origin } = issue;
  if (code === 'invalid_type') {
    if (/received undefined$/.test(issue.message)) return 'Обязательное поле';
    const expected = typeof issue.expected === 'string' ? issue.expected : '';
    return `Неверное значение: нужно ${typeWords[expected] ?? expected}`;
  }
  if (code === 'too_small' || code === 'too_big') {
    const small = code === 'too_small';
    const bound = num(small ? issue.minimum : issue.maximum);
    const strict = issue.inclusive === false;
    if (origin === 'string') {
      if (small && bound === '1') return 'Заполните поле';
      return small ? `Не короче ${bound} симв.` : `Не длиннее ${bound} симв.`;
    }
    if (origin === 'array' || origin === 'set')
      return small ? `Не меньше ${bound} элем.` : `Не больше ${bound} элем.`;
    if (small) return strict ? `Больше ${bound}` : `Не меньше ${bound}`;
    return strict ? `Меньше ${bound}` : `Не больше ${bound}`;
  }
  if (code === 'invalid_format' && issue.format === 'email') return 'Неверный адрес e-mail';
  if (code === 'invalid_format' && issue.format === 'url') return 'Неверная ссылка';
  if (code === 'invalid_value') return 'Недопустимое значение';
  return render(ruLocale, issue);
}

/** zod's English default for the issue, as the validator wrote it (a schema's own text differs). */
function isDefault(issue: Issue): boolean {
  if (issue.code === 'invalid_type') return /^Invalid input: expected \S+, received \S+$/.test(issue.message);
  return render(enLocale, issue) === issue.message;
}

/**
 * A request validation message in `lang`. zod's default texts are put into Russian; a schema's
 * own message (`.regex(re, 'A three-letter ISO 4217 code')`) is left as the schema says it.
 */
export function validationMessage(entry: ValidationEntry, lang: Language): string {
  const message = entry.message ?? 'Invalid value';
  if (lang === 'en') return message;
  const params = typeof entry.params === 'object' && entry.params !== null ? entry.params : {};
  const issue: Issue = { ...params, code: entry.keyword, message };
  if (!isDefault(issue)) return message;
  return russian(issue) ?? message;
}
