import { isRecord, optionalNumber, optionalString } from './decode';
import { takeEarlyResponse } from './early-requests';
import { currentLanguage } from './i18n';

/** One entry of the server's `validation-errors[].errors[]`. */
export type FieldError = { code: string; path: string; detail: string };

/** A failed API call, built from the server's `application/problem+json` body. */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  readonly fieldErrors: FieldError[];
  /** Seconds until the server accepts the request again (429 responses). */
  readonly retryAfter: number | undefined;

  constructor(init: {
    status: number;
    title: string;
    detail?: string;
    fieldErrors?: FieldError[];
    retryAfter?: number;
  }) {
    super(init.detail ?? init.title);
    this.name = 'ApiError';
    this.status = init.status;
    this.title = init.title;
    this.detail = init.detail;
    this.fieldErrors = init.fieldErrors ?? [];
    this.retryAfter = init.retryAfter;
  }
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

let csrfToken: string | undefined;

/** Remembers the token from the session payload; every later write sends it back. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

function parseFieldErrors(value: unknown): FieldError[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((group: unknown) => {
    if (!isRecord(group) || !Array.isArray(group.errors)) return [];
    return group.errors.flatMap((entry: unknown) => {
      if (!isRecord(entry)) return [];
      return [
        {
          code: optionalString(entry.code) ?? '',
          path: optionalString(entry.path) ?? '',
          detail: optionalString(entry.detail) ?? '',
        },
      ];
    });
  });
}

function toApiError(status: number, statusText: string, body: unknown): ApiError {
  if (!isRecord(body)) return new ApiError({ status, title: statusText || `HTTP ${status}` });
  return new ApiError({
    status,
    title: optionalString(body.title) ?? (statusText || `HTTP ${status}`),
    detail: optionalString(body.detail),
    fieldErrors: parseFieldErrors(body['validation-errors']),
    retryAfter: optionalNumber(body.retry_after),
  });
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Calls the app API. `decode` turns the untrusted JSON into a typed value (and throws if the shape
 * is wrong), so nothing downstream has to trust the network.
 */
export async function apiRequest<T>(
  method: Method,
  path: string,
  decode: (value: unknown) => T,
  body?: unknown,
): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    // Lets the server word its problem details in the language the user is reading.
    'Accept-Language': currentLanguage(),
  };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let response: Response;
  try {
    const early = method === 'GET' ? takeEarlyResponse(path) : undefined;
    response = await (early ??
      fetch(path, {
        method,
        headers,
        credentials: 'same-origin',
        body: body === undefined ? undefined : JSON.stringify(body),
      }));
  } catch {
    throw new ApiError({ status: 0, title: 'Network error' });
  }

  const json = await readJson(response);
  if (!response.ok) throw toApiError(response.status, response.statusText, json);
  return decode(json);
}

/** Decoder for endpoints that answer 204 No Content. */
export const noContent = (): void => undefined;
