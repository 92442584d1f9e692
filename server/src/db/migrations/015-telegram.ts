import type { Kysely, Migration } from 'kysely';

/**
 * Messenger messages remember the deal they were written on, so a deal's feed keeps its chat
 * after the conversation has moved on to the contact's next deal.
 */
export const telegram = (): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('messages').addColumn('deal_id', 'bigint').execute();
    await db.schema
      .createIndex('messages_deal')
      .on('messages')
      .columns(['account_id', 'deal_id', 'created_at'])
      .execute();
  },
});
