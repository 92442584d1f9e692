import {
  dealMailSchema,
  mailboxOutSchema,
  mailMessageOutSchema,
  type MailboxInput,
  type MailboxPatch,
  type SendMailInput,
} from '@voronka/common';
import { z } from 'zod';
import { apiRequest, noContent } from '../../app/api';
import { decodeWith } from '../../app/decode';

export type { MailboxOut, MailMessageOut } from '@voronka/common';

export const mailboxesKey = ['mail', 'mailboxes'] as const;
export const dealMailKey = (dealId: number) => ['mail', 'deal', dealId] as const;

export const fetchMailboxes = async () =>
  (
    await apiRequest(
      'GET',
      '/api/app/mailboxes',
      decodeWith(z.object({ mailboxes: z.array(mailboxOutSchema) })),
    )
  ).mailboxes;

export const connectMailbox = (input: MailboxInput) =>
  apiRequest('POST', '/api/app/mailboxes', decodeWith(mailboxOutSchema), input);

export const updateMailbox = (id: number, patch: MailboxPatch) =>
  apiRequest('PATCH', `/api/app/mailboxes/${id}`, decodeWith(mailboxOutSchema), patch);

export const disconnectMailbox = (id: number) => apiRequest('DELETE', `/api/app/mailboxes/${id}`, noContent);

export const syncMailboxNow = (id: number) => apiRequest('POST', `/api/app/mailboxes/${id}/sync`, noContent);

export const fetchDealMail = (dealId: number) =>
  apiRequest('GET', `/api/app/deals/${dealId}/mail`, decodeWith(dealMailSchema));

export const fetchMail = (id: number) =>
  apiRequest('GET', `/api/app/mail/${id}`, decodeWith(mailMessageOutSchema));

export const sendDealMail = (dealId: number, input: SendMailInput) =>
  apiRequest('POST', `/api/app/deals/${dealId}/mail`, decodeWith(mailMessageOutSchema), input);
