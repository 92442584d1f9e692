import type { AppTask } from '@voronka/common';
import type { FastifyRequest } from 'fastify';
import type { Task } from '../../db/types-crm.ts';
import { absoluteUrl } from '../../http/hal.ts';
import { taskState } from './task-state.ts';

/** amoCRM's Task. A task linked to nothing has no entity_id / entity_type keys. */
export const presentTask = (request: FastifyRequest, t: Task) => ({
  id: t.id,
  created_by: t.created_by,
  updated_by: t.updated_by,
  created_at: t.created_at,
  updated_at: t.updated_at,
  responsible_user_id: t.responsible_user_id,
  group_id: t.group_id,
  ...(t.entity_type !== null && t.entity_id !== null
    ? { entity_id: t.entity_id, entity_type: t.entity_type }
    : {}),
  duration: t.duration,
  is_completed: t.is_completed === 1,
  task_type_id: t.task_type_id,
  text: t.text,
  result: t.result_text !== null ? { text: t.result_text } : {},
  complete_till: t.complete_till,
  account_id: t.account_id,
  _links: { self: { href: absoluteUrl(request, `/api/v4/tasks/${t.id}`) } },
});

/** The web app's task, with where it stands against its deadline. */
export const presentAppTask = (t: Task, now: number, todayEnds: number): AppTask => ({
  id: t.id,
  text: t.text,
  task_type_id: t.task_type_id,
  complete_till: t.complete_till,
  duration: t.duration,
  responsible_user_id: t.responsible_user_id,
  entity_type: t.entity_type,
  entity_id: t.entity_id,
  is_completed: t.is_completed === 1,
  result_text: t.result_text,
  state: taskState(t, now, todayEnds),
  created_by: t.created_by,
  created_at: t.created_at,
  updated_at: t.updated_at,
});
