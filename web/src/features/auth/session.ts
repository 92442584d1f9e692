import { sessionPayloadSchema, type Language, type SessionPayload } from '@voronka/common';
import { apiRequest, noContent, setCsrfToken } from '../../app/api';
import { boolean, record } from '../../app/decode';

export type Session = SessionPayload;
export type SetupInput = {
  accountName: string;
  name: string;
  email: string;
  password: string;
  locale: Language;
};
export type LoginInput = { email: string; password: string };
export type ProfileInput = { lang?: Language; name?: string };

/** Parses a session payload and remembers its CSRF token for the writes that follow. */
function decodeSession(value: unknown): Session {
  const session = sessionPayloadSchema.parse(value);
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
