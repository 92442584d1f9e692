import { Migrator, type Migration } from 'kysely';
import type { Database } from './database.ts';
import { migrationList } from './migrations/index.ts';

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(database: Database): Promise<string[]> {
  const migrator = new Migrator({
    db: database.db,
    // Numbers are handed out per feature, so a database may already have a later one applied.
    allowUnorderedMigrations: true,
    provider: {
      getMigrations: async () => {
        const all: Record<string, Migration> = {};
        for (const [name, build] of migrationList) all[name] = build(database.dialect);
        return all;
      },
    },
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${reason}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
