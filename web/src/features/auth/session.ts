import { apiRequest, noContent, setCsrfToken } from '../../app/api';
import { boolean, id, oneOf, optionalString, record, string } from '../../app/decode';
import { languages, type Language } from '../../app/i18n';

export type SessionUser = { id: number | string; name: string; email: string; lang: Language; isAdmin: boolean };
export type SessionAccount = {
  id: number | string;
  name: string;
  subdomain: string;
  currency: string;
  timezone: string;
  locale: Language;
};
export type Session = { user: SessionUser; account: SessionAccount; csrfToken: string };

export type SetupInput = { accountName: string; name: string; email: string; password: string; locale: Language };
export type LoginInput = { email: string; password: string };
export type ProfileInput = { lang?: Language; name?: string };

function decodeSession(value: unknown): Session {
  const body = record(value, 'session');
  const user = record(body.user, 'session.user');
  const account = record(body.account, 'session.account');
  const session: Session = {
    user: {
      id: id(user.id, 'user.id'),
      name: string(user.name, 'user.name'),
      email: string(user.email, 'user.email'),
      lang: oneOf(user.lang, languages, 'ru'),
      isAdmin: boolean(user.isAdmin, 'user.isAdmin'),
    },
    account: {
      id: id(account.id, 'account.id'),
      name: string(account.name, 'account.name'),
      subdomain: optionalString(account.subdomain) ?? '',
      currency: optionalString(account.currency) ?? '',
      timezone: optionalString(account.timezone) ?? '',
      locale: oneOf(account.locale, languages, 'ru'),
    },
    csrfToken: string(body.csrfToken, 'csrfToken'),
  };
  setCsrfToken(session.csrfToken);
  return session;
}

function decodeSetupStatus(value: unknown): { required: boolean } {
  return { required: boolean(record(value, 'setup status').required, 'required') };
}

export const fetchSetupStatus = () => apiRequest('GET', '/api/app/setup', decodeSetupStatus);

export const fetchSession = () => apiRequest('GET', '/api/app/session', decodeSession);

export const createFirstAccount = (input: SetupInput) =>
  apiRequest('POST', '/api/app/setup', decodeSession, input);

export const logIn = (input: LoginInput) => apiRequest('POST', '/api/app/login', decodeSession, input);

export const updateProfile = (input: ProfileInput) =>
  apiRequest('PATCH', '/api/app/me', decodeSession, input);

export async function logOut(): Promise<void> {
  await apiRequest('POST', '/api/app/logout', noContent);
  setCsrfToken(undefined);
}
