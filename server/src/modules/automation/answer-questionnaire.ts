import type { z } from 'zod';
import { nowSeconds } from '../../db/schema-helpers.ts';
import type { AutomationQuestionnaire } from '../../db/types-automation.ts';
import { sha256 } from '../../lib/crypto.ts';
import { findAccount } from '../accounts/accounts.repo.ts';
import type { Ctx } from '../context.ts';
import { findDeal } from '../deals/deals.repo.ts';
import { updateDeal } from '../deals/update-deal.ts';
import { writeFieldValues } from '../fields/field-values.ts';
import { createNotes } from '../notes/create-notes.ts';
import { findStage } from '../pipelines/stages.repo.ts';
import { toStatusId } from '../pipelines/status-ids.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { questionnaireFormSchema } from './actions/questionnaire.action.ts';
import { raiseDealSignal } from './raise-deal-signal.ts';

export type QuestionnaireForm = z.infer<typeof questionnaireFormSchema>;

export async function findQuestionnaire(
  db: Kysely<DB>,
  token: string,
): Promise<{ row: AutomationQuestionnaire; form: QuestionnaireForm } | undefined> {
  if (!/^[\w-]{10,100}$/.test(token)) return undefined;
  const row = await db
    .selectFrom('automation_questionnaires')
    .selectAll()
    .where('token_hash', '=', sha256(token))
    .executeTakeFirst();
  if (!row) return undefined;
  return { row, form: questionnaireFormSchema.parse(JSON.parse(row.form_json)) };
}

/**
 * The client's answers: fill the mapped deal fields, keep all answers in the deal's feed, move
 * the deal to the target stage and raise "questionnaire answered" — as the robot, in one
 * transaction. A questionnaire is answered once. Returns the problems per question, if any.
 */
export async function answerQuestionnaire(
  db: Kysely<DB>,
  queue: JobQueue | null,
  token: string,
  answers: Record<string, string>,
): Promise<{ ok: true } | { ok: false; errors: Record<number, string>; status: 400 | 404 | 409 }> {
  return db.transaction().execute(async (trx) => {
    const found = await findQuestionnaire(trx, token);
    if (!found) return { ok: false, errors: {}, status: 404 };
    const { row, form } = found;
    if (row.answered_at !== null) return { ok: false, errors: {}, status: 409 };
    const values = form.questions.map((_q, i) => (answers[`q${i}`] ?? '').trim().slice(0, 10_000));
    const errors: Record<number, string> = {};
    form.questions.forEach((q, i) => {
      if (q.required && values[i] === '') errors[i] = 'required';
    });
    if (Object.keys(errors).length > 0) return { ok: false, errors, status: 400 };
    const account = await findAccount(trx, row.account_id);
    const deal = account ? await findDeal(trx, row.account_id, row.deal_id) : undefined;
    if (!account || !deal) return { ok: false, errors: {}, status: 404 };
    const ctx: Ctx = { db: trx, account, accountId: account.id, userId: 0, user: null, queue };
    const updated = await trx
      .updateTable('automation_questionnaires')
      .set({ answered_at: nowSeconds(), answers_json: JSON.stringify(values) })
      .where('id', '=', row.id)
      .where('answered_at', 'is', null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return { ok: false, errors: {}, status: 409 };
    const fields = form.questions
      .map((q, i) => ({ q, value: values[i] ?? '' }))
      .filter((x) => x.q.field_id !== undefined && x.value !== '');
    for (const { q, value } of fields) {
      // A value the field's type refuses (validated before any write) stays in the note below.
      try {
        await writeFieldValues(ctx, 'leads', deal.id, [{ field_id: q.field_id ?? 0, values: [{ value }] }]);
      } catch {
        /* the answer stays in the feed note */
      }
    }
    await createNotes(ctx, 'leads', [
      {
        requestId: '0',
        entity_id: deal.id,
        note_type: 'common',
        params: {
          text: `${form.title || (account.locale === 'en' ? 'Questionnaire' : 'Анкета')}\n${form.questions
            .map((q, i) => `${q.label}: ${values[i] || '—'}`)
            .join('\n')}`,
        },
      },
    ]);
    if (form.target_stage_id !== undefined) {
      const stage = await findStage(trx, account.id, form.target_stage_id);
      if (stage && stage.id !== deal.stage_id)
        await updateDeal(ctx, deal.id, { status_id: toStatusId(stage), pipeline_id: stage.pipeline_id });
    }
    await raiseDealSignal(ctx, deal.id, 'questionnaire_answered');
    return { ok: true };
  });
}
