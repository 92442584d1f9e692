import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import type { MailOptions } from './mail-runtime.ts';

export type ImapSettings = { host: string; port: number; tls: boolean; user: string; password: string };
export type SmtpSettings = ImapSettings;

/**
 * An IMAP client that never logs (the protocol log would carry the LOGIN line) and whose
 * connection errors reject the pending call instead of crashing the process.
 */
export async function openImap(s: ImapSettings, options: MailOptions): Promise<ImapFlow> {
  const client = new ImapFlow({
    host: s.host,
    port: s.port,
    secure: s.tls,
    auth: { user: s.user, pass: s.password },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: options.connectTimeoutMs,
    greetingTimeout: options.connectTimeoutMs,
    socketTimeout: options.socketTimeoutMs,
  });
  // An 'error' event without a listener would throw from the socket callback.
  client.on('error', () => {});
  await client.connect();
  return client;
}

/** Logs out politely, or drops the socket when the server is already gone. */
export async function closeImap(client: ImapFlow): Promise<void> {
  try {
    if (client.usable) await client.logout();
  } catch {
    // the connection is gone either way
  }
  client.close();
}

export function smtpTransport(s: SmtpSettings, options: MailOptions) {
  return nodemailer.createTransport({
    host: s.host,
    port: s.port,
    secure: s.tls && s.port === 465,
    requireTLS: s.tls && s.port !== 465,
    ...(s.user ? { auth: { user: s.user, pass: s.password } } : {}),
    connectionTimeout: options.connectTimeoutMs,
    greetingTimeout: options.connectTimeoutMs,
    socketTimeout: options.socketTimeoutMs,
    logger: false,
  });
}

/**
 * A readable reason for a failed connection, for the mailbox's status and the API's 400. Server
 * texts are kept (they say what is wrong) but clipped; credentials are never part of them.
 */
export function describeMailError(err: unknown): string {
  if (!(err instanceof Error)) return 'Unknown error';
  const code: unknown = Reflect.get(err, 'code');
  const responseText: unknown = Reflect.get(err, 'responseText');
  if (Reflect.get(err, 'authenticationFailed') === true || code === 'EAUTH')
    return 'Authentication failed: check the login and password';
  if (code === 'ECONNREFUSED') return 'Connection refused: check the server and port';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'Server not found: check the host name';
  if (
    code === 'CONNECT_TIMEOUT' ||
    code === 'ETIMEDOUT' ||
    code === 'ETIMEOUT' ||
    code === 'GREETING_TIMEOUT'
  )
    return 'The server did not answer in time';
  if (
    code === 'NoConnection' ||
    code === 'EConnectionClosed' ||
    code === 'ECONNRESET' ||
    /unexpected close|connection closed|socket (closed|hang up)/i.test(err.message)
  )
    return 'The server closed the connection';
  const text = typeof responseText === 'string' && responseText ? responseText : err.message;
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}
