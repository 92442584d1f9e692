import type { timelineKinds } from '@voronka/common';
import { appTaskSchema, timelineNoteSchema, timelineSchema, type CrmEntityType } from '@voronka/common';
import { z } from 'zod';
import { apiRequest } from '../../app/api';
import { decodeWith } from '../../app/decode';
import { query } from '../records/api';

export const timelineKey = (entityType: CrmEntityType, entityId: number) =>
  ['app', 'timeline', entityType, entityId] as const;

export type TimelineKind = (typeof timelineKinds)[number];

export const fetchTimelinePage = (
  entityType: CrmEntityType,
  entityId: number,
  cursor: string | null,
  kind?: TimelineKind,
) =>
  apiRequest(
    'GET',
    `/api/app/timeline${query({ entity_type: entityType, entity_id: entityId, limit: 30, cursor: cursor ?? undefined, kind })}`,
    decodeWith(timelineSchema),
  );

const batchResult = z.object({ _embedded: z.record(z.string(), z.array(z.object({ id: z.number() }))) });

export const addNote = (entityType: CrmEntityType, entityId: number, text: string) =>
  apiRequest('POST', `/api/v4/${entityType}/${entityId}/notes`, decodeWith(batchResult), [
    { note_type: 'common', params: { text } },
  ]);

export const pinNote = (noteId: number, isPinned: boolean) =>
  apiRequest('PATCH', `/api/app/notes/${noteId}`, decodeWith(timelineNoteSchema), { is_pinned: isPinned });

export type NewTask = {
  text: string;
  task_type_id: number;
  complete_till: number;
  responsible_user_id: number;
  entity_type?: CrmEntityType;
  entity_id?: number;
};

export const addTask = (task: NewTask) =>
  apiRequest('POST', '/api/v4/tasks', decodeWith(batchResult), [task]);

export const completeTask = (taskId: number, resultText: string) =>
  apiRequest('POST', `/api/app/tasks/${taskId}/complete`, decodeWith(appTaskSchema), {
    ...(resultText.trim() ? { result_text: resultText.trim() } : {}),
  });
