/**
 * @module @xiaoneng/server
 * The xiaoneng server. For now its storage foundation: one schema on SQLite (embedded default) and
 * PostgreSQL through Kysely, frozen migrations, and the append-only, hash-chained audit log.
 */

export type { AppendAuditOptions } from './audit/append-audit.js';
export { appendAudit } from './audit/append-audit.js';
export type { AuditEntry, AuditEntryInput } from './audit/audit-entry.js';
export { rowToAuditEntry } from './audit/audit-entry.js';
export type { AuditErrorCode } from './audit/audit-error.js';
export { AuditError } from './audit/audit-error.js';
export { canonicalJson } from './audit/canonical-json.js';
export type { HashAlgorithm } from './audit/hash-algorithm.js';
export {
  DEFAULT_HASH_ALGORITHM,
  GENESIS_HASH,
  HASH_ALGORITHMS,
  isHashAlgorithm,
  requireHashAlgorithm,
} from './audit/hash-algorithm.js';
export type {
  AuditVerification,
  ChainBreak,
  ChainBreakReason,
  ChainReport,
  VerifyOptions,
} from './audit/verify-audit-chain.js';
export { verifyAuditChain } from './audit/verify-audit-chain.js';
export type { Database, DatabaseOptions, Db, DialectName } from './db/database.js';
export { createDatabase, DEFAULT_SQLITE_FILE, dialectOf, isPostgresUrl } from './db/database.js';
export type { MigrateReport, MigrationState, MigrationStep } from './db/migrator.js';
export { migrateToLatest, migrationStatus } from './db/migrator.js';
export type { AuditEntryRow, AuditEntryTable, NewAuditEntryRow } from './db/tables/audit-entry.table.js';
export type {
  DataValueRow,
  DataValueTable,
  DataValueUpdate,
  NewDataValueRow,
} from './db/tables/data-value.table.js';
export type {
  NewPeriodRow,
  PeriodRow,
  PeriodStatus,
  PeriodTable,
  PeriodUpdate,
} from './db/tables/period.table.js';
export type { NewPlanRow, PlanRow, PlanTable, PlanUpdate } from './db/tables/plan.table.js';
export type {
  NewPlanVersionRow,
  PlanVersionRow,
  PlanVersionStatus,
  PlanVersionTable,
  PlanVersionUpdate,
} from './db/tables/plan-version.table.js';
export type { NewProvinceRow, ProvinceRow, ProvinceTable } from './db/tables/province.table.js';
export type { NewUnitRow, UnitRow, UnitTable, UnitUpdate } from './db/tables/unit.table.js';
export type { NewUnitClassRow, UnitClassRow, UnitClassTable } from './db/tables/unit-class.table.js';
