import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * The webhook delivery log: one row per attempt (a POST to the receiver), with what it was
 * about, how long it took, the receiver's answer and whether another attempt is scheduled; and
 * when a subscription was disabled after failures.
 */
export const webhookLog = (_dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('webhooks').addColumn('disabled_at', 'bigint').execute();
    for (const [name, type] of [
      ['actions', 'text'],
      ['entity_type', 'text'],
      ['entity_id', 'bigint'],
      ['duration_ms', 'integer'],
      ['response_excerpt', 'text'],
      ['next_retry_at', 'bigint'],
    ] as const) {
      await db.schema.alterTable('webhook_deliveries').addColumn(name, type).execute();
    }
    await db.schema
      .createIndex('webhook_deliveries_account_created')
      .on('webhook_deliveries')
      .columns(['account_id', 'created_at'])
      .execute();
  },
});
