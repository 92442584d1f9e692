import type { CreateTableBuilder } from 'kysely';
import type { Dialect } from './database.ts';

/** Adds an auto-increment integer primary key named `id` in the dialect's own way. */
export function withId<T extends string>(table: CreateTableBuilder<T, never>, dialect: Dialect) {
  return dialect === 'postgres'
    ? table.addColumn('id', 'bigserial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

/** Unix seconds now: every timestamp column is unix seconds, as the amoCRM API speaks them. */
export const nowSeconds = (): number => Math.floor(Date.now() / 1000);
