import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';

export type MailAddress = { email: string; name: string };

/** A mail as the CRM keeps it, whatever its MIME shape. */
export type IncomingMail = {
  messageId: string;
  inReplyTo: string | null;
  /** Oldest first. */
  references: string[];
  from: MailAddress;
  to: MailAddress[];
  cc: MailAddress[];
  subject: string;
  text: string;
  html: string | null;
  attachments: Array<{ filename: string; content_type: string; size: number }>;
  date: number;
  /** Auto-Submitted other than "no", or a bounce: never a new lead. */
  automatic: boolean;
};

const MAX_TEXT = 200_000;
const MAX_HTML = 1_000_000;

/** `<a@b>` -> `a@b`; header values may carry several ids separated by spaces. */
export const messageIdsOf = (value: string | string[] | undefined): string[] =>
  (Array.isArray(value) ? value : value ? [value] : [])
    .flatMap((v) => v.match(/<[^<>\s]+>/g) ?? (v.trim() ? [v.trim()] : []))
    .map((v) => v.replace(/^<|>$/g, '').slice(0, 500))
    .filter(Boolean);

const addresses = (value: AddressObject | AddressObject[] | undefined): MailAddress[] =>
  (Array.isArray(value) ? value : value ? [value] : [])
    .flatMap((a) => a.value)
    .flatMap((a) =>
      a.address ? [{ email: a.address.toLowerCase().slice(0, 320), name: (a.name || '').slice(0, 255) }] : [],
    )
    .slice(0, 100);

function fromParsed(m: ParsedMail, fallbackId: string): IncomingMail {
  const [from] = addresses(m.from);
  const autoSubmitted = m.headers.get('auto-submitted');
  const sender = from?.email ?? '';
  return {
    messageId: messageIdsOf(m.messageId)[0] ?? fallbackId,
    inReplyTo: messageIdsOf(m.inReplyTo)[0] ?? null,
    references: messageIdsOf(m.references).slice(-50),
    from: from ?? { email: '', name: '' },
    to: addresses(m.to),
    cc: addresses(m.cc),
    subject: (m.subject ?? '').slice(0, 998),
    text: (m.text ?? '').slice(0, MAX_TEXT),
    html: typeof m.html === 'string' ? m.html.slice(0, MAX_HTML) : null,
    attachments: m.attachments.slice(0, 100).map((a) => ({
      filename: (a.filename ?? '').slice(0, 255),
      content_type: a.contentType.slice(0, 255),
      size: a.size,
    })),
    date: Math.floor((m.date?.getTime() ?? Date.now()) / 1000),
    automatic:
      (typeof autoSubmitted === 'string' && autoSubmitted.trim().toLowerCase() !== 'no') ||
      /^(mailer-daemon|postmaster)@/i.test(sender),
  };
}

/** Parses a raw RFC 822 message; `fallbackId` stands in for a missing Message-ID. */
export async function parseMail(source: Buffer, fallbackId: string): Promise<IncomingMail> {
  return fromParsed(await simpleParser(source, { skipImageLinks: true, skipTextToHtml: true }), fallbackId);
}
