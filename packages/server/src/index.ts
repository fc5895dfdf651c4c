/**
 * @module @xiaoneng/server
 * The xiaoneng server. For now its storage foundation: one schema on SQLite (embedded default) and
 * PostgreSQL through Kysely, frozen migrations, and the append-only, hash-chained audit log.
 */

// The HTTP application and its security core.
export type { Act } from './app/act.js';
export { inTransaction, recordAudit } from './app/act.js';
export type { AppConfig } from './app/app-config.js';
export type { AppInstance } from './app/app-instance.js';
export type { BuildAppOptions } from './app/build-app.js';
export { buildApp, registeredRoutes } from './app/build-app.js';
export type { Clock } from './app/clock.js';
export { configFromEnv } from './app/config-from-env.js';
export type { RegisteredRoute } from './app/route-registry.js';
export type { RunningServer, StartServerOptions } from './app/start-server.js';
export { startServer } from './app/start-server.js';
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
export type { BootstrapOptions, BootstrapResult } from './auth/bootstrap-admins.js';
export { bootstrapAdmins } from './auth/bootstrap-admins.js';
export type { PasswordHasher, PasswordHashing } from './auth/password-hasher.js';
export { createPasswordHasher, DEFAULT_PASSWORD_HASHING } from './auth/password-hasher.js';
export type { Permission, PermissionSpec } from './auth/permissions.js';
export { PERMISSIONS, TOKEN_SCOPES } from './auth/permissions.js';
export type { Principal, TokenPrincipal, UserPrincipal } from './auth/principal.js';
export type { RecoverOptions } from './auth/recover-admin.js';
export { recoverAdministrator } from './auth/recover-admin.js';
export type { AdminRole, Role } from './auth/roles.js';
export { ADMIN_ROLES, ROLE_LABELS, ROLES } from './auth/roles.js';
export type { UnitScope } from './auth/row-scope.js';
export { isUnitInScope, requireUnitInScope, unitCodesInScope, unitScopeOf } from './auth/row-scope.js';
export type { SecurityPolicy, SecurityPolicySettings } from './auth/security-policy.js';
export { DEFAULT_SECURITY_POLICY } from './auth/security-policy.js';
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
export type { ProblemDetails, ProblemIssue } from './http/app-error.js';
export { AppError } from './http/app-error.js';
export type { ProblemCode } from './http/problem-code.js';
export type { DemoLogin, DemoProvince, SeedOptions, SeedResult } from './start/seed-demo.js';
export { DEMO_PASSWORD, DEMO_USERNAMES, seedDemo } from './start/seed-demo.js';
export type { RunningDemo, ServeDemoOptions } from './start/serve-demo.js';
export { serveDemo } from './start/serve-demo.js';
export type { NewUser } from './users/create-user.js';
export { createUser } from './users/create-user.js';
export type { User } from './users/user.js';
