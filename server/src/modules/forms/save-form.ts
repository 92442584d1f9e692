import { randomBytes } from 'node:crypto';
import type { WebFormInput } from '@voronka/common';
import { nowSeconds } from '../../db/schema-helpers.ts';
import type { WebForm } from '../../db/types-inbox.ts';
import { notFound } from '../../http/problem.ts';
import type { Ctx } from '../context.ts';
import { refuse } from '../pipelines/errors.ts';
import { findPipeline } from '../pipelines/pipelines.repo.ts';
import { insertForm, updateFormRow } from './forms.repo.ts';

async function checkPipeline(ctx: Ctx, pipelineId: number | null) {
  if (pipelineId === null) return;
  const pipeline = await findPipeline(ctx.db, ctx.accountId, pipelineId);
  if (!pipeline) throw refuse('Pipeline not found', 'pipeline_id', 'NotFound');
  if (pipeline.is_archive) throw refuse('The pipeline is archived', 'pipeline_id', 'NotSupportedChoice');
}

const columns = (input: WebFormInput) => ({
  name: input.name,
  lang: input.lang,
  pipeline_id: input.pipeline_id,
  is_active: input.is_active ? 1 : 0,
  settings: JSON.stringify(input.settings),
});

/** Creates a web form with a fresh unguessable public key. */
export async function createForm(ctx: Ctx, input: WebFormInput): Promise<WebForm> {
  await checkPipeline(ctx, input.pipeline_id);
  const now = nowSeconds();
  return insertForm(ctx.db, {
    account_id: ctx.accountId,
    uid: randomBytes(16).toString('base64url'),
    ...columns(input),
    created_by: ctx.userId,
    created_at: now,
    updated_at: now,
    deleted_at: null,
  });
}

/** Replaces a form's settings; its public key (and so every embed on the web) stays. */
export async function updateForm(ctx: Ctx, id: number, input: WebFormInput): Promise<WebForm> {
  await checkPipeline(ctx, input.pipeline_id);
  const form = await updateFormRow(ctx.db, ctx.accountId, id, {
    ...columns(input),
    updated_at: nowSeconds(),
  });
  if (!form) throw notFound(`Form ${id} not found`);
  return form;
}

/** Deletes a form: its page and embeds answer "not found"; leads already received stay. */
export async function deleteForm(ctx: Ctx, id: number): Promise<void> {
  const now = nowSeconds();
  const form = await updateFormRow(ctx.db, ctx.accountId, id, { deleted_at: now, updated_at: now });
  if (!form) throw notFound(`Form ${id} not found`);
}
