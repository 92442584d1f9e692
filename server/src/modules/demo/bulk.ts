import { sql, type Insertable, type Kysely } from 'kysely';
import type { Dialect } from '../../db/database.ts';
import type { DB } from '../../db/types.ts';

/** Bound parameters per statement: under SQLite's 32,766 and PostgreSQL's 65,535. */
const MAX_PARAMS = 30_000;

/**
 * Inserts rows with multi-row INSERTs of as many rows as the parameter limit allows. All rows
 * of one call must have the same keys (they become the column list).
 */
export async function insertRows<T extends keyof DB & string>(
  db: Kysely<DB>,
  table: T,
  rows: Array<Insertable<DB[T]>>,
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / Object.keys(first).length));
  for (let i = 0; i < rows.length; i += perStatement) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + perStatement))
      .execute();
  }
}

export type IdTable = 'companies' | 'contacts' | 'deals' | 'tasks' | 'notes' | 'events';

/**
 * `count` new ids of `table`, so rows can reference each other before they are inserted. Call it
 * inside the transaction that inserts them. PostgreSQL takes them from the table's sequence (safe
 * next to a running server); SQLite continues after the highest id, which its single writer makes
 * safe: a concurrent writer would make this transaction fail, never mix rows.
 */
export async function reserveIds(
  db: Kysely<DB>,
  dialect: Dialect,
  table: IdTable,
  count: number,
): Promise<number[]> {
  if (count === 0) return [];
  if (dialect === 'postgres') {
    const { rows } = await sql<{ id: number }>`
      SELECT nextval(pg_get_serial_sequence(${table}, 'id')) AS id FROM generate_series(1, ${count})
    `.execute(db);
    return rows.map((r) => Number(r.id)).sort((a, b) => a - b);
  }
  const { rows } = await sql<{ top: number | null }>`
    SELECT MAX(COALESCE((SELECT MAX(id) FROM ${sql.table(table)}), 0),
      COALESCE((SELECT seq FROM sqlite_sequence WHERE name = ${table}), 0)) AS top
  `.execute(db);
  const top = rows[0]?.top ?? 0;
  return Array.from({ length: count }, (_, i) => top + 1 + i);
}
