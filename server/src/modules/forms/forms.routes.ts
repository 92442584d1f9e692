import {
  formSettingsSchema,
  webFormInputSchema,
  webFormSchema,
  type WebForm as WebFormOut,
} from '@voronka/common';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { WebForm } from '../../db/types-inbox.ts';
import { requestOrigin, requireAdmin } from '../../http/auth.ts';
import { notFound } from '../../http/problem.ts';
import { ctxOf } from '../context.ts';
import { entityId } from '../pipelines/pipelines.schema.ts';
import { formLinks } from './embed-script.ts';
import { findForm, listForms } from './forms.repo.ts';
import { createForm, deleteForm, updateForm } from './save-form.ts';

const tags = ['App: web forms'];
const params = z.object({ id: entityId });

/** Web form builder endpoints: list, read, create, replace, delete (writes are for administrators). */
export const formAppRoutes: FastifyPluginAsyncZod = async (app) => {
  const present = (request: FastifyRequest, form: WebForm): WebFormOut => ({
    id: form.id,
    uid: form.uid,
    name: form.name,
    lang: form.lang === 'en' || form.lang === 'uk' ? form.lang : 'ru',
    pipeline_id: form.pipeline_id,
    is_active: form.is_active === 1,
    settings: formSettingsSchema.parse(JSON.parse(form.settings)),
    created_at: form.created_at,
    updated_at: form.updated_at,
    links: formLinks(form, app.deps.config.publicUrl?.replace(/\/$/, '') ?? requestOrigin(request)),
  });

  app.get('/api/app/forms', { schema: { tags } }, async (request) => {
    const ctx = ctxOf(app, request);
    return { items: (await listForms(ctx.db, ctx.accountId)).map((f) => present(request, f)) };
  });

  app.get(
    '/api/app/forms/:id',
    { schema: { tags, params, response: { 200: webFormSchema } } },
    async (request) => {
      const ctx = ctxOf(app, request);
      const form = await findForm(ctx.db, ctx.accountId, request.params.id);
      if (!form) throw notFound('Form not found');
      return present(request, form);
    },
  );

  app.post('/api/app/forms', { schema: { tags, body: webFormInputSchema } }, async (request) => {
    requireAdmin(request);
    return present(request, await createForm(ctxOf(app, request), request.body));
  });

  app.put('/api/app/forms/:id', { schema: { tags, params, body: webFormInputSchema } }, async (request) => {
    requireAdmin(request);
    return present(request, await updateForm(ctxOf(app, request), request.params.id, request.body));
  });

  app.delete('/api/app/forms/:id', { schema: { tags, params } }, async (request, reply) => {
    requireAdmin(request);
    await deleteForm(ctxOf(app, request), request.params.id);
    return reply.code(204).send();
  });
};
