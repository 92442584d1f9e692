import { appTaskListSchema, type AppTask, type TaskState } from '@voronka/common';
import { apiRequest } from '../../app/api';
import { decodeWith } from '../../app/decode';
import { query } from '../records/api';

export type TaskQuery = {
  state?: TaskState;
  responsible?: number;
  type?: number;
  dueFrom?: number;
  dueTo?: number;
};

export const tasksKey = ['app', 'tasks'] as const;

/** Up to 250 tasks (the server's page) matching the query, soonest first. */
export async function fetchTasks(q: TaskQuery): Promise<{ items: AppTask[]; hasMore: boolean }> {
  const result = await apiRequest(
    'GET',
    `/api/app/tasks${query({
      state: q.state,
      responsible_user_id: q.responsible,
      task_type_id: q.type,
      due_from: q.dueFrom,
      due_to: q.dueTo,
      limit: 250,
    })}`,
    decodeWith(appTaskListSchema),
  );
  return { items: result.items, hasMore: result.has_more };
}
