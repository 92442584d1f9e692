import { randomBytes } from 'node:crypto';
import type { Database } from '../../db/database.ts';
import type { Account, User } from '../../db/types.ts';
import type { EntityType, Pipeline, Stage } from '../../db/types-crm.ts';
import { firstAccount, findAccount } from '../accounts/accounts.repo.ts';
import { ensureDefaultAccount } from '../accounts/ensure-default-account.ts';
import type { Ctx } from '../context.ts';
import { createCustomFields } from '../fields/create-custom-fields.ts';
import { ensureDefaultFields } from '../fields/ensure-default-fields.ts';
import { allFields, type FieldWithEnums } from '../fields/fields.repo.ts';
import type { CustomFieldCreateInput } from '../fields/fields.schema.ts';
import { createPipeline } from '../pipelines/create-pipeline.ts';
import { ensureDefaultPipeline } from '../pipelines/ensure-default-pipeline.ts';
import { listLossReasons } from '../pipelines/loss-reasons.repo.ts';
import { listPipelines } from '../pipelines/pipelines.repo.ts';
import { listStages } from '../pipelines/stages.repo.ts';
import { upsertTag } from '../tags/tags.repo.ts';
import { createUser } from '../users/create-user.ts';
import { listUsers } from '../users/users.repo.ts';
import { person } from './demo-names.ts';
import { createRandom } from './random.ts';

export type DemoPipeline = {
  pipeline: Pipeline;
  incoming: Stage;
  open: Stage[];
  won: Stage;
  lost: Stage;
  /** Share of the generated deals. */
  weight: number;
};

/** Everything the row builders need: the account's users, pipelines, fields and tags. */
export type DemoAccount = {
  account: Account;
  ctx: Ctx;
  users: User[];
  pipelines: DemoPipeline[];
  lossReasonIds: number[];
  fields: Record<EntityType, Map<string, FieldWithEnums>>;
  tags: Record<'leads' | 'contacts', number[]>;
};

const extraPipelines = [
  { name: 'Онлайн-школа', stages: ['Заявка', 'Пробный урок', 'Выставлен счёт'] },
  { name: 'Оптовые продажи', stages: ['Запрос КП', 'КП отправлено', 'Переговоры', 'Договор'] },
];

const dealFields: CustomFieldCreateInput[] = [
  {
    name: 'Источник',
    code: 'LEAD_SOURCE',
    type: 'select',
    enums: ['Сайт', 'Instagram', 'Telegram', 'Рекомендация', 'Звонок', 'Выставка'].map((value) => ({
      value,
    })),
  },
  { name: 'Количество', code: 'SEATS', type: 'numeric' },
  { name: 'Дата оплаты', code: 'PAYMENT_DATE', type: 'date' },
  { name: 'Предоплата', code: 'PREPAID', type: 'checkbox' },
  { name: 'Промокод', code: 'PROMO', type: 'text' },
];
const contactFields: CustomFieldCreateInput[] = [
  { name: 'День рождения', code: 'BIRTHDAY', type: 'birthday' },
];

const dealTagNames = ['VIP', 'Повторная', 'Опт', 'Срочно', 'Вебинар', 'Black Friday', 'Рассрочка'];
const contactTagNames = ['Постоянный клиент', 'Партнёр', 'Не звонить'];

async function resolveAccount(database: Database, accountId: number | undefined): Promise<Account> {
  if (accountId === undefined) return (await firstAccount(database.db)) ?? ensureDefaultAccount(database.db);
  const account = await findAccount(database.db, accountId);
  if (!account) throw new Error(`No account ${accountId}`);
  return account;
}

/** Demo managers, when the account has fewer than three users (they sign in after a password reset). */
async function ensureManagers(database: Database, account: Account): Promise<User[]> {
  const users = await listUsers(database.db, account.id);
  const random = createRandom(account.id);
  for (let i = users.length; i < 3; i++) {
    const p = person(random, i);
    const email = `demo-manager-${account.id}-${i}@example.com`;
    users.push(
      await createUser(database.db, account.id, {
        name: p.name,
        email,
        password: randomBytes(18).toString('base64url'),
        lang: 'ru',
        isAdmin: false,
      }),
    );
  }
  return users.filter((u) => u.is_active === 1);
}

async function ensureFields(ctx: Ctx, entityType: EntityType, wanted: CustomFieldCreateInput[]) {
  const have = new Set((await allFields(ctx.db, ctx.accountId, entityType)).map((f) => f.code));
  const missing = wanted.filter((f) => !have.has(f.code ?? null));
  if (missing.length > 0) await createCustomFields(ctx, entityType, missing);
  const fields = await allFields(ctx.db, ctx.accountId, entityType);
  return new Map(fields.flatMap((f) => (f.code ? [[f.code, f] as const] : [])));
}

async function ensurePipelines(ctx: Ctx): Promise<DemoPipeline[]> {
  await ensureDefaultPipeline(ctx.db, ctx.account);
  let pipelines = (await listPipelines(ctx.db, ctx.accountId)).filter((p) => p.is_archive === 0);
  if (pipelines.length === 1) {
    for (const extra of extraPipelines) {
      await createPipeline(ctx, {
        name: extra.name,
        _embedded: { statuses: extra.stages.map((name) => ({ name })) },
      });
    }
    pipelines = (await listPipelines(ctx.db, ctx.accountId)).filter((p) => p.is_archive === 0);
  }
  const stages = await listStages(
    ctx.db,
    ctx.accountId,
    pipelines.map((p) => p.id),
  );
  return pipelines.map((pipeline) => {
    const own = stages.filter((s) => s.pipeline_id === pipeline.id);
    const of = (kind: Stage['kind']) => {
      const stage = own.find((s) => s.kind === kind);
      if (!stage) throw new Error(`Pipeline ${pipeline.id} has no ${kind} stage`);
      return stage;
    };
    return {
      pipeline,
      incoming: of('incoming'),
      open: own.filter((s) => s.kind === 'open'),
      won: of('won'),
      lost: of('lost'),
      weight: pipeline.is_main ? 3 : 1,
    };
  });
}

/**
 * Gets the account ready for generated data through the normal commands: managers, the main
 * pipeline plus two more, the demo custom fields (LEAD_SOURCE, SEATS, PAYMENT_DATE, PREPAID,
 * PROMO on deals; BIRTHDAY and the predefined PHONE / EMAIL / POSITION on contacts), tags.
 * Idempotent: what exists is reused.
 */
export async function prepareDemoAccount(database: Database, accountId?: number): Promise<DemoAccount> {
  const account = await resolveAccount(database, accountId);
  const users = await ensureManagers(database, account);
  const admin = users.find((u) => u.is_admin === 1) ?? users[0] ?? null;
  const ctx: Ctx = {
    db: database.db,
    account,
    accountId: account.id,
    userId: admin?.id ?? 0,
    user: admin,
    queue: null,
  };
  await ensureDefaultFields(ctx.db, account.id);
  const fields = {
    leads: await ensureFields(ctx, 'leads', dealFields),
    contacts: await ensureFields(ctx, 'contacts', contactFields),
    companies: await ensureFields(ctx, 'companies', []),
  };
  const tagIds = async (entityType: 'leads' | 'contacts', names: string[]) => {
    const out: number[] = [];
    for (const name of names) out.push((await upsertTag(ctx.db, account.id, entityType, name, null)).id);
    return out;
  };
  return {
    account,
    ctx,
    users,
    pipelines: await ensurePipelines(ctx),
    lossReasonIds: (await listLossReasons(ctx.db, account.id)).map((r) => r.id),
    fields,
    tags: { leads: await tagIds('leads', dealTagNames), contacts: await tagIds('contacts', contactTagNames) },
  };
}
