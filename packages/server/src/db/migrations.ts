import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './migrations/2026-11-23T00-00-00_initial.js';
import * as accounts from './migrations/2026-11-23T12-00-00_accounts.js';
import * as submissions from './migrations/2026-11-23T14-30-00_submissions.js';
import * as results from './migrations/2026-11-23T15-00-00_results.js';
import * as auditQueue from './migrations/2026-11-23T16-30-00_audit_queue.js';
import * as workCalendar from './migrations/2026-11-23T17-00-00_work_calendar.js';
import * as valueScoringIndex from './migrations/2026-11-23T17-30-00_value_scoring_index.js';

/**
 * Every migration, by its frozen name. Listed by hand rather than read from the directory so that the same
 * code runs from TypeScript sources (tests), from dist/ and from a bundle; a test checks that the list and
 * the directory agree.
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '2026-11-23T00-00-00_initial': initial,
  '2026-11-23T12-00-00_accounts': accounts,
  '2026-11-23T14-30-00_submissions': submissions,
  '2026-11-23T15-00-00_results': results,
  '2026-11-23T16-30-00_audit_queue': auditQueue,
  '2026-11-23T17-00-00_work_calendar': workCalendar,
  '2026-11-23T17-30-00_value_scoring_index': valueScoringIndex,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => ({ ...MIGRATIONS }),
};
