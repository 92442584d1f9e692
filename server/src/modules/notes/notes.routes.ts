import { timelineNoteSchema } from '@voronka/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../http/problem.ts';
import { ctxOf } from '../context.ts';
import { findAnyNote } from './notes.repo.ts';
import { setNotePinned } from './pin-note.ts';
import { noteParams } from './present-note.ts';

/** The web app pins a note to the top of the card's feed (PATCH { is_pinned }). */
export const noteAppRoutes: FastifyPluginAsyncZod = async (app) => {
  app.patch(
    '/api/app/notes/:id',
    {
      schema: {
        tags: ['App: notes'],
        params: z.object({ id: z.coerce.number().int().positive() }),
        body: z.object({ is_pinned: z.boolean() }),
        response: { 200: timelineNoteSchema },
      },
    },
    async (request) => {
      const ctx = ctxOf(app, request);
      const note = await findAnyNote(ctx.db, ctx.accountId, request.params.id);
      if (!note) throw notFound('Note not found');
      const n = await setNotePinned(ctx, note, request.body.is_pinned);
      return {
        kind: 'note' as const,
        id: n.id,
        note_type: n.note_type,
        params: noteParams(n),
        is_pinned: n.is_pinned === 1,
        created_by: n.created_by,
        created_at: n.created_at,
        updated_at: n.updated_at,
      };
    },
  );
};
