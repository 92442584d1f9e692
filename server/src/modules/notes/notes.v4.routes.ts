import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { EntityType, Note } from '../../db/types-crm.ts';
import { absoluteUrl, hal } from '../../http/hal.ts';
import { notFound } from '../../http/problem.ts';
import { batchOf, pageOffset, requestIdOf, sendList } from '../../http/v4-list.ts';
import { ctxOf } from '../context.ts';
import { pickOrder } from '../events/v4-input.ts';
import { entityExists } from '../links/entity-refs.repo.ts';
import { createNotes } from './create-notes.ts';
import { setNotePinned } from './pin-note.ts';
import { findNote, listNotes } from './notes.repo.ts';
import {
  noteCreateSchema,
  noteListQuerySchema,
  noteOrderFields,
  notePatchByIdSchema,
  notePatchSchema,
} from './notes.schema.ts';
import { noteHref, presentNote } from './present-note.ts';
import { updateNotes } from './update-notes.ts';

const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** The answer to a batch write: id, entity_id, request_id (and updated_at for edits) per note. */
function sendNoteBatch(
  request: FastifyRequest,
  reply: FastifyReply,
  notes: Note[],
  requestIds: string[],
  edit: boolean,
) {
  return hal(reply).send({
    _links: { self: { href: absoluteUrl(request, request.url.split('?')[0] ?? request.url) } },
    _embedded: {
      notes: notes.map((n, i) => ({
        id: n.id,
        entity_id: n.entity_id,
        ...(edit ? { updated_at: n.updated_at } : {}),
        request_id: requestIds[i] ?? String(i),
        _links: { self: { href: noteHref(request, n) } },
      })),
    },
  });
}

/** amoCRM's notes of deals, contacts and companies; registered per entity type (static paths). */
export const noteV4Routes: FastifyPluginAsyncZod = async (app) => {
  for (const entityType of ['leads', 'contacts', 'companies'] as const satisfies EntityType[]) {
    const tags = [`amoCRM API v4: ${entityType} notes`];
    const base = `/api/v4/${entityType}`;

    const list = async (
      request: FastifyRequest,
      reply: FastifyReply,
      query: z.infer<typeof noteListQuerySchema>,
      entityId?: number,
    ) => {
      const ctx = ctxOf(app, request);
      if (entityId !== undefined && !(await entityExists(ctx.db, ctx.accountId, entityType, entityId))) {
        throw notFound(`No ${entityType} with id ${entityId}`);
      }
      const { filter = {}, order, page, limit } = query;
      const rows = await listNotes(
        ctx.db,
        ctx.accountId,
        entityType,
        {
          ids: filter.id,
          entityIds: entityId !== undefined ? [entityId] : filter.entity_id,
          noteTypes: filter.note_type,
          updatedAt: filter.updated_at,
        },
        pickOrder(noteOrderFields, order, { field: 'id', direction: 'asc' }),
        limit + 1,
        pageOffset({ page, limit }),
      );
      return sendList(
        request,
        reply,
        'notes',
        rows.map((n) => presentNote(request, n)),
        { page, limit },
      );
    };

    const one = async (request: FastifyRequest, reply: FastifyReply, noteId: number, entityId?: number) => {
      const ctx = ctxOf(app, request);
      const note = await findNote(ctx.db, ctx.accountId, entityType, noteId);
      if (!note || (entityId !== undefined && note.entity_id !== entityId)) throw notFound('Note not found');
      return hal(reply).send(presentNote(request, note));
    };

    app.get(`${base}/notes`, { schema: { tags, querystring: noteListQuerySchema } }, (request, reply) =>
      list(request, reply, request.query),
    );
    app.get(
      `${base}/:id/notes`,
      { schema: { tags, params: z.object({ id }), querystring: noteListQuerySchema } },
      (request, reply) => list(request, reply, request.query, request.params.id),
    );
    app.get(`${base}/notes/:id`, { schema: { tags, params: z.object({ id }) } }, (request, reply) =>
      one(request, reply, request.params.id),
    );
    app.get(
      `${base}/:id/notes/:note_id`,
      { schema: { tags, params: z.object({ id, note_id: id }) } },
      (request, reply) => one(request, reply, request.params.note_id, request.params.id),
    );

    const withRequestIds = <T extends object>(body: T[], entityId?: number) =>
      body.map((item, i) => ({
        ...item,
        ...(entityId === undefined ? {} : { entity_id: entityId }),
        requestId: requestIdOf(item, i),
      }));
    const create = async (
      request: FastifyRequest,
      reply: FastifyReply,
      body: Array<z.infer<typeof noteCreateSchema>>,
      entityId?: number,
    ) => {
      const items = withRequestIds(body, entityId);
      const notes = await createNotes(ctxOf(app, request), entityType, items);
      return sendNoteBatch(
        request,
        reply,
        notes,
        items.map((i) => i.requestId),
        false,
      );
    };
    const patch = async (
      request: FastifyRequest,
      reply: FastifyReply,
      body: Array<z.infer<typeof notePatchSchema>>,
      entityId?: number,
    ) => {
      const items = withRequestIds(body, entityId);
      const notes = await updateNotes(ctxOf(app, request), entityType, items);
      return sendNoteBatch(
        request,
        reply,
        notes,
        items.map((i) => i.requestId),
        true,
      );
    };

    app.post(`${base}/notes`, { schema: { tags, body: batchOf(noteCreateSchema) } }, (request, reply) =>
      create(request, reply, request.body),
    );
    app.post(
      `${base}/:id/notes`,
      { schema: { tags, params: z.object({ id }), body: batchOf(noteCreateSchema) } },
      (request, reply) => create(request, reply, request.body, request.params.id),
    );
    app.patch(`${base}/notes`, { schema: { tags, body: batchOf(notePatchSchema) } }, (request, reply) =>
      patch(request, reply, request.body),
    );
    app.patch(
      `${base}/:id/notes`,
      { schema: { tags, params: z.object({ id }), body: batchOf(notePatchSchema) } },
      (request, reply) => patch(request, reply, request.body, request.params.id),
    );

    const patchOne = async (
      request: FastifyRequest,
      reply: FastifyReply,
      patch: z.infer<typeof notePatchByIdSchema>,
      noteId: number,
      entityId?: number,
    ) => {
      const ctx = ctxOf(app, request);
      const note = await findNote(ctx.db, ctx.accountId, entityType, noteId);
      if (!note || (entityId !== undefined && note.entity_id !== entityId)) throw notFound('Note not found');
      const [updated] = await updateNotes(ctx, entityType, [{ ...patch, id: noteId, requestId: '0' }]);
      if (!updated) throw notFound('Note not found');
      return hal(reply).send({
        id: updated.id,
        entity_id: updated.entity_id,
        updated_at: updated.updated_at,
        _links: { self: { href: noteHref(request, updated) } },
      });
    };
    app.patch(
      `${base}/notes/:id`,
      { schema: { tags, params: z.object({ id }), body: notePatchByIdSchema } },
      (request, reply) => patchOne(request, reply, request.body, request.params.id),
    );
    app.patch(
      `${base}/:id/notes/:note_id`,
      { schema: { tags, params: z.object({ id, note_id: id }), body: notePatchByIdSchema } },
      (request, reply) => patchOne(request, reply, request.body, request.params.note_id, request.params.id),
    );

    for (const action of ['pin', 'unpin'] as const) {
      app.post(
        `${base}/notes/:id/${action}`,
        { schema: { tags, params: z.object({ id }) } },
        async (request, reply) => {
          const ctx = ctxOf(app, request);
          const note = await findNote(ctx.db, ctx.accountId, entityType, request.params.id);
          if (!note) throw notFound('Note not found');
          const n = await setNotePinned(ctx, note, action === 'pin');
          return hal(reply).send({
            _links: { self: { href: absoluteUrl(request, request.url) } },
            _embedded: { notes: [{ id: n.id, entity_id: n.entity_id, is_pinned: n.is_pinned === 1 }] },
          });
        },
      );
    }
  }
};
