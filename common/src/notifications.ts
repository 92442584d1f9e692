import { z } from 'zod';

export const notificationSchema = z.object({
  id: z.number().int().positive(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  /** An app path to open, e.g. `/deals/42`. */
  link: z.string().nullable(),
  entity_type: z.string().nullable(),
  entity_id: z.number().nullable(),
  created_by: z.number(),
  created_at: z.number(),
  read_at: z.number().nullable(),
});
export type AppNotification = z.infer<typeof notificationSchema>;

/** GET /api/app/notifications: newest first; `next_before` pages back, null on the last page. */
export const notificationListSchema = z.object({
  items: z.array(notificationSchema),
  unread: z.number().int().min(0),
  next_before: z.number().int().nullable(),
});
export type NotificationList = z.infer<typeof notificationListSchema>;

/** POST /api/app/notifications/read: the ids to mark read, or `all: true`. */
export const markNotificationsReadSchema = z.union([
  z.object({ ids: z.array(z.number().int().positive()).min(1).max(500) }),
  z.object({ all: z.literal(true) }),
]);
export type MarkNotificationsRead = z.infer<typeof markNotificationsReadSchema>;
