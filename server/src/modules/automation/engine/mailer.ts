import nodemailer from 'nodemailer';
import type { AutomationSettings } from '@voronka/common';
import { PermanentActionError } from './define-action.ts';

/**
 * The SMTP transport: the account's own settings (Settings → digital pipeline), else the server's
 * SMTP_URL (e.g. smtp://user:pass@mail.example.com:587) and SMTP_FROM.
 */
export function mailTransport(settings: AutomationSettings, env: NodeJS.ProcessEnv = process.env) {
  if (settings.smtp) {
    const s = settings.smtp;
    return {
      from: s.from,
      transport: nodemailer.createTransport({
        host: s.host,
        port: s.port,
        secure: s.secure,
        ...(s.user ? { auth: { user: s.user, pass: s.password ?? '' } } : {}),
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
      }),
    };
  }
  if (env.SMTP_URL) {
    return {
      from: env.SMTP_FROM ?? 'Voronka <noreply@localhost>',
      transport: nodemailer.createTransport(env.SMTP_URL),
    };
  }
  throw new PermanentActionError('No SMTP server: set it in Settings → digital pipeline or SMTP_URL');
}
