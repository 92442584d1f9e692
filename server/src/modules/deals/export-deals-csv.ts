import type { DealFilter } from '@voronka/common';
import type { Ctx } from '../context.ts';
import { listPipelines } from '../pipelines/pipelines.repo.ts';
import { listStages } from '../pipelines/stages.repo.ts';
import { listUsers } from '../users/users.repo.ts';
import { filteredDealBatches } from './list-app-deals.ts';
import { loadCardExtras } from './present-board.ts';

const HEADERS = {
  en: [
    'ID',
    'Name',
    'Budget',
    'Pipeline',
    'Stage',
    'Responsible',
    'Contact',
    'Company',
    'Tags',
    'Created',
    'Closed',
  ],
  ru: [
    'ID',
    'Название',
    'Бюджет',
    'Воронка',
    'Этап',
    'Ответственный',
    'Контакт',
    'Компания',
    'Теги',
    'Создана',
    'Закрыта',
  ],
} as const;

/**
 * One CSV cell: quoted when needed; a leading =, +, - or @ is prefixed with ' so that a
 * spreadsheet never runs a deal name as a formula.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const isoDate = (unix: number | null) => (unix === null ? null : new Date(unix * 1000).toISOString());

/**
 * The filtered deals (or the selected ids) as CSV lines, header first, with a UTF-8 BOM so
 * spreadsheet programs read Cyrillic right. Yields a chunk per batch of deals.
 */
export async function* exportDealsCsv(
  ctx: Ctx,
  opts: { pipelineId: number | undefined; filter: DealFilter; ids: number[] | undefined; lang: 'ru' | 'en' },
): AsyncGenerator<string> {
  const { db, accountId } = ctx;
  const pipelines = await listPipelines(db, accountId);
  const [stages, users] = await Promise.all([
    listStages(
      db,
      accountId,
      pipelines.map((p) => p.id),
    ),
    listUsers(db, accountId),
  ]);
  const pipelineName = new Map(pipelines.map((p) => [p.id, p.name]));
  const stageName = new Map(stages.map((s) => [s.id, s.name]));
  const userName = new Map(users.map((u) => [u.id, u.name]));
  yield `\uFEFF${HEADERS[opts.lang].join(',')}\r\n`;
  for await (const rows of filteredDealBatches(ctx, opts.pipelineId, opts.filter, opts.ids)) {
    const extras = await loadCardExtras(db, accountId, rows);
    yield rows
      .map(
        (d) =>
          [
            d.id,
            d.name,
            d.price,
            pipelineName.get(d.pipeline_id) ?? null,
            stageName.get(d.stage_id) ?? null,
            d.responsible_user_id === null ? null : (userName.get(d.responsible_user_id) ?? null),
            extras.contacts.get(d.id)?.name ?? null,
            (d.company_id !== null && extras.companies.get(d.company_id)?.name) || null,
            (extras.tags.get(d.id) ?? []).map((t) => t.name).join(', '),
            isoDate(d.created_at),
            isoDate(d.closed_at),
          ]
            .map(csvCell)
            .join(',') + '\r\n',
      )
      .join('');
  }
}
