import { notifications } from '@mantine/notifications';
import type { LiveChange } from '@voronka/common';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { z } from 'zod';
import { apiRequest } from '../../app/api';
import { decodeWith } from '../../app/decode';
import { useLiveChanges } from '../../ui/useLiveChanges';
import { useCurrentSession } from '../auth/useSession';

const leadName = z.object({ id: z.number(), name: z.string() });

/**
 * "A new deal for you": an in-app toast, and a browser notification when the user allowed them,
 * whenever someone else (a colleague, a form, the API, automation) creates a deal assigned to
 * the user or hands one over.
 */
export function LiveDealNotifications() {
  const { t } = useTranslation();
  const { user } = useCurrentSession();
  const navigate = useNavigate();
  const onChange = useCallback(
    (c: LiveChange) => {
      const assigned = c.type === 'deal.created' || c.type === 'entity.responsible_changed';
      if (
        c.entity_type !== 'leads' ||
        !assigned ||
        c.responsible_user_id !== user.id ||
        c.created_by === user.id
      )
        return;
      void apiRequest('GET', `/api/v4/leads/${c.entity_id}`, decodeWith(leadName))
        .then((deal) => {
          const title = c.type === 'deal.created' ? t('board.live.newDeal') : t('board.live.assigned');
          notifications.show({
            color: 'blue',
            title,
            message: deal.name,
            autoClose: 10_000,
            onClick: () => void navigate(`/deals/${deal.id}`),
            style: { cursor: 'pointer' },
          });
          if (
            typeof Notification !== 'undefined' &&
            Notification.permission === 'granted' &&
            document.hidden
          ) {
            const shown = new Notification(title, { body: deal.name, tag: `deal-${deal.id}` });
            shown.onclick = () => {
              window.focus();
              void navigate(`/deals/${deal.id}`);
            };
          }
        })
        .catch(() => undefined);
    },
    [user.id, t, navigate],
  );
  useLiveChanges(onChange);
  return null;
}
