import type { AppNotification } from '@voronka/common';
import type { Notification } from '../../db/types-automation.ts';

export const presentNotification = (n: Notification): AppNotification => ({
  id: n.id,
  kind: n.kind,
  title: n.title,
  body: n.body,
  link: n.link,
  entity_type: n.entity_type,
  entity_id: n.entity_id,
  created_by: n.created_by,
  created_at: n.created_at,
  read_at: n.read_at,
});
