import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Note } from '../../db/types-crm.ts';
import { absoluteUrl } from '../../http/hal.ts';

const storedParams = z.record(z.string(), z.unknown());

/** The stored params document (written by us from validated input; {} if ever unreadable). */
export function noteParams(note: Pick<Note, 'params'>): Record<string, unknown> {
  try {
    const parsed = storedParams.safeParse(JSON.parse(note.params));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

export const noteHref = (request: FastifyRequest, n: Pick<Note, 'entity_type' | 'entity_id' | 'id'>) =>
  absoluteUrl(request, `/api/v4/${n.entity_type}/${n.entity_id}/notes/${n.id}`);

/** amoCRM's Note. */
export const presentNote = (request: FastifyRequest, n: Note) => ({
  id: n.id,
  entity_id: n.entity_id,
  created_by: n.created_by,
  updated_by: n.updated_by,
  created_at: n.created_at,
  updated_at: n.updated_at,
  responsible_user_id: n.responsible_user_id ?? n.created_by,
  group_id: 0,
  note_type: n.note_type,
  params: noteParams(n),
  is_pinned: n.is_pinned === 1,
  account_id: n.account_id,
  _links: { self: { href: noteHref(request, n) } },
});
