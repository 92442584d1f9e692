import { languageSchema, type Language } from '@voronka/common';
import type { FastifyRequest } from 'fastify';

/** The answers worded in the reader's language; /api/v4 stays English for amoCRM clients. */
const LOCALISED_PREFIX = '/api/app/';

/** The first language of an Accept-Language header that Voronka speaks (by q-value), if any. */
export function acceptedLanguage(header: string | undefined): Language | null {
  if (!header) return null;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { lang: tag.trim().toLowerCase().split('-')[0], q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((r) => Number.isFinite(r.q) && r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const r of ranked) {
    const parsed = languageSchema.safeParse(r.lang);
    if (parsed.success) return parsed.data;
  }
  return null;
}

/**
 * The language to word a problem in: the signed-in user's, else the account's, else the
 * browser's Accept-Language, else English. Null for answers outside /api/app, which keep the
 * English texts they always had.
 */
export function appLanguage(request: FastifyRequest): Language | null {
  if (!request.url.startsWith(LOCALISED_PREFIX)) return null;
  const auth = request.auth;
  const own = languageSchema.safeParse(auth?.user.lang);
  if (own.success) return own.data;
  const account = languageSchema.safeParse(auth?.account.locale);
  if (account.success) return account.data;
  return acceptedLanguage(request.headers['accept-language']) ?? 'en';
}

const titles: Record<Language, Record<number, string>> = {
  en: {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    405: 'Method Not Allowed',
    409: 'Conflict',
    413: 'Payload Too Large',
    415: 'Unsupported Media Type',
    429: 'Too Many Requests',
    500: 'Internal Server Error',
    503: 'Service Unavailable',
  },
  ru: {
    400: 'Неверный запрос',
    401: 'Нужен вход',
    403: 'Доступ запрещён',
    404: 'Не найдено',
    405: 'Метод не поддерживается',
    409: 'Конфликт',
    413: 'Слишком большой запрос',
    415: 'Неподдерживаемый формат',
    429: 'Слишком много запросов',
    500: 'Внутренняя ошибка сервера',
    503: 'Сервис недоступен',
  },
};

/** A status's title (amoCRM's English one by default). */
export const statusTitle = (status: number, lang: Language = 'en'): string =>
  titles[lang][status] ?? titles.en[status] ?? 'Error';

/** The title in `lang` when `title` is the status's standard one; a custom title stays. */
export const localTitle = (status: number, title: string, lang: Language | null): string =>
  lang && title === statusTitle(status) ? statusTitle(status, lang) : title;
