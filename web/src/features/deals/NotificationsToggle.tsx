import { Button } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Asks once for the browser's permission to show "new deal for you" outside the tab. */
export function NotificationsToggle() {
  const { t } = useTranslation();
  const supported = typeof Notification !== 'undefined';
  const [permission, setPermission] = useState(supported ? Notification.permission : 'denied');
  if (!supported || permission !== 'default') return null;
  return (
    <Button variant="subtle" onClick={() => void Notification.requestPermission().then(setPermission)}>
      {t('board.live.enableNotifications')}
    </Button>
  );
}
