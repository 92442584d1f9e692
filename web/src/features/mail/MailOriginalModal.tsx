import { Center, Loader, Modal } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '../../ui/ApiErrorAlert';
import { fetchMail } from './api';

/**
 * What a mail's HTML may do when shown: nothing. The frame is sandboxed without scripts, forms or
 * same-origin access, and its CSP loads no remote content (no tracking pixels); inline images
 * and styles stay.
 */
const CSP = "default-src 'none'; img-src data: cid:; style-src 'unsafe-inline'; font-src data:";

export const sandboxedDocument = (html: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${CSP}"><base target="_blank"></head><body>${html}</body></html>`;

/** The original (HTML) form of a mail, in a sandboxed frame. */
export function MailOriginalModal({ mailId, onClose }: { mailId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const mail = useQuery({ queryKey: ['mail', 'message', mailId], queryFn: () => fetchMail(mailId) });
  return (
    <Modal opened onClose={onClose} size="xl" title={mail.data?.subject || t('mail.noSubject')}>
      {mail.isPending ? (
        <Center py="lg">
          <Loader size="sm" aria-label={t('app.loading')} />
        </Center>
      ) : mail.isError ? (
        <ApiErrorAlert error={mail.error} title={t('mail.loadFailed')} />
      ) : (
        <iframe
          title={t('mail.original')}
          sandbox=""
          referrerPolicy="no-referrer"
          srcDoc={sandboxedDocument(mail.data.html ?? '')}
          style={{ width: '100%', height: '60vh', border: 0, background: 'white' }}
        />
      )}
    </Modal>
  );
}
