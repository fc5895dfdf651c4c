import { type Kysely, Migrator } from 'kysely';
import { migrationProvider } from './migrations.js';

export interface MigrationStep {
  name: string;
  direction: 'Up' | 'Down';
  /** `NotExecuted`: an earlier migration of the same run failed. */
  status: 'Success' | 'Error' | 'NotExecuted';
}

export interface MigrateReport {
  /** What this run did, in order; empty when the schema was already current. */
  steps: MigrationStep[];
  /** Why the run stopped; absent when it succeeded. On PostgreSQL the whole run was rolled back. */
  error?: Error;
}

export interface MigrationState {
  name: string;
  /** ISO 8601 instant; absent when the migration has not run on this database. */
  executedAt?: string;
}

// biome-ignore lint/suspicious/noExplicitAny: the migrator works on any schema, including an empty one.
type AnyDb = Kysely<any>;

function migrator(db: AnyDb): Migrator {
  return new Migrator({ db, provider: migrationProvider });
}

/**
 * Applies every migration not yet applied. Never throws for a failed migration: the report says which one
 * failed and why, so that callers can log each step and exit non-zero (a batch reports per item).
 */
export async function migrateToLatest(db: AnyDb): Promise<MigrateReport> {
  const { error, results } = await migrator(db).migrateToLatest();
  const steps = (results ?? []).map((r) => ({
    name: r.migrationName,
    direction: r.direction,
    status: r.status,
  }));
  if (error === undefined) return { steps };
  return { steps, error: error instanceof Error ? error : new Error(String(error)) };
}

/** Every known migration, oldest first, with when it ran on this database. */
export async function migrationStatus(db: AnyDb): Promise<MigrationState[]> {
  const infos = await migrator(db).getMigrations();
  return infos.map((m) =>
    m.executedAt === undefined ? { name: m.name } : { name: m.name, executedAt: m.executedAt.toISOString() },
  );
}
