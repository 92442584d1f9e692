import { z } from 'zod';
import { eventTypes } from './events.ts';
import { taskStates } from './tasks.ts';

const id = z.number().int().positive();

const eventItem = z.object({
  kind: z.literal('event'),
  id,
  type: z.enum(eventTypes),
  created_by: z.number(),
  created_at: z.number(),
  value_before: z.array(z.unknown()),
  value_after: z.array(z.unknown()),
});

export const timelineNoteSchema = z.object({
  kind: z.literal('note'),
  id,
  note_type: z.string(),
  params: z.record(z.string(), z.unknown()),
  is_pinned: z.boolean(),
  created_by: z.number(),
  created_at: z.number(),
  updated_at: z.number(),
});

const taskItem = z.object({
  kind: z.literal('task'),
  id,
  text: z.string(),
  task_type_id: id,
  complete_till: z.number(),
  responsible_user_id: z.number(),
  is_completed: z.boolean(),
  result_text: z.string().nullable(),
  state: z.enum(taskStates),
  created_by: z.number(),
  created_at: z.number(),
});

/** A messenger message (Telegram, ...) of a conversation on the card; text as written, shown escaped. */
export const timelineMessageSchema = z.object({
  kind: z.literal('message'),
  id,
  channel: z.string(),
  conversation_id: id,
  direction: z.enum(['in', 'out']),
  text: z.string(),
  /** received (in); queued, sent or failed (out). */
  status: z.enum(['received', 'queued', 'sent', 'failed']),
  /** Why a message failed, or the last transient error while it is still queued. */
  error: z.string().nullable(),
  /** The manager who wrote an outgoing message (0: the robot); null for incoming ones. */
  author_user_id: z.number().nullable(),
  /** Who wrote an incoming message, as the messenger named them. */
  sender: z.object({ name: z.string(), username: z.string().nullable() }).nullable(),
  created_at: z.number(),
});
export type TimelineMessage = z.infer<typeof timelineMessageSchema>;

/**
 * A robot line: a digital-pipeline trigger that ran on the deal. `summary` says what it did in
 * the account's language (done); `error` why it failed. At the time it ran; `created_by` is 0.
 */
export const timelineRobotSchema = z.object({
  kind: z.literal('robot'),
  id,
  trigger_id: id,
  label: z.string(),
  status: z.enum(['done', 'failed', 'skipped']),
  summary: z.string().nullable(),
  error: z.string().nullable(),
  created_by: z.number(),
  created_at: z.number(),
});
export type TimelineRobot = z.infer<typeof timelineRobotSchema>;

export const timelineItemSchema = z.discriminatedUnion('kind', [
  eventItem,
  timelineNoteSchema,
  taskItem,
  timelineMessageSchema,
  timelineRobotSchema,
]);

/** The kinds a card's feed can be narrowed to (GET /api/app/timeline?kind=). */
export const timelineKinds = ['event', 'note', 'task', 'message', 'robot'] as const;
export type TimelineItem = z.infer<typeof timelineItemSchema>;

/**
 * GET /api/app/timeline: the card's feed, newest first. `pinned` notes come on the first page
 * only; `next_cursor` is null on the last page.
 */
export const timelineSchema = z.object({
  pinned: z.array(timelineNoteSchema),
  items: z.array(timelineItemSchema),
  next_cursor: z.string().nullable(),
});
export type Timeline = z.infer<typeof timelineSchema>;
