import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { Database } from '../db/database.js';
import { problem } from '../http/app-error.js';
import { t } from '../localised.js';
import type { Principal } from './principal.js';
import { isUnitBound } from './roles.js';

/**
 * Which units of its province a principal may see and act on:
 * - `province`: all of them (no unit scope, e.g. the provincial office, administrators);
 * - `unit`: exactly one (a reporter or leader acts for their own unit only);
 * - `subtree`: a unit and everything under it (a city's office sees that city's districts, streets…).
 */
export type UnitScope =
  | { kind: 'province'; province: string }
  | { kind: 'unit'; province: string; unitCode: string }
  | { kind: 'subtree'; province: string; unitCode: string };

export function unitScopeOf(principal: Principal): UnitScope {
  const province = principal.province;
  if (principal.unitCode === null) return { kind: 'province', province };
  const bound = principal.kind === 'user' && principal.roles.some(isUnitBound);
  return { kind: bound ? 'unit' : 'subtree', province, unitCode: principal.unitCode };
}

/** Whether `unitCode` is a unit of the scope's province inside the scope. */
export async function isUnitInScope(
  db: Kysely<Database>,
  scope: UnitScope,
  unitCode: string,
): Promise<boolean> {
  if (scope.kind === 'unit')
    return unitCode === scope.unitCode && (await exists(db, scope.province, unitCode));
  if (scope.kind === 'province') return exists(db, scope.province, unitCode);
  // Walk up from the unit: at most as many steps as the hierarchy is deep (province → village: 5).
  const r = await sql<{ found: number }>`
    with recursive up(code, parent_code) as (
      select code, parent_code from unit where province_code = ${scope.province} and code = ${unitCode}
      union all
      select u.code, u.parent_code from unit u join up on u.code = up.parent_code
      where u.province_code = ${scope.province}
    )
    select 1 as found from up where code = ${scope.unitCode} limit 1`.execute(db);
  return r.rows.length > 0;
}

/** Throws 403 `out_of_scope` unless `unitCode` is in the principal's scope. */
export async function requireUnitInScope(
  db: Kysely<Database>,
  principal: Principal,
  unitCode: string,
): Promise<void> {
  if (await isUnitInScope(db, unitScopeOf(principal), unitCode)) return;
  throw problem(
    'out_of_scope',
    t(`单位“${unitCode}”不在您的数据范围内`, `unit "${unitCode}" is outside your data scope`),
  );
}

/**
 * Every unit code in the scope, or `all` for a whole province: for list queries to filter by. A subtree is
 * read with one recursive query.
 */
export async function unitCodesInScope(db: Kysely<Database>, scope: UnitScope): Promise<'all' | string[]> {
  if (scope.kind === 'province') return 'all';
  if (scope.kind === 'unit')
    return (await exists(db, scope.province, scope.unitCode)) ? [scope.unitCode] : [];
  const r = await sql<{ code: string }>`
    with recursive down(code) as (
      select code from unit where province_code = ${scope.province} and code = ${scope.unitCode}
      union all
      select u.code from unit u join down on u.parent_code = down.code where u.province_code = ${scope.province}
    )
    select code from down order by code`.execute(db);
  return r.rows.map((row) => row.code);
}

/**
 * "The unit in `column` is in the scope" as a condition the database evaluates, for list queries: no list
 * of codes travels with the query, however many units a city's subtree holds (a list of tens of thousands
 * of parameters is slow, and near SQLite's limit). Undefined for a whole province: no condition needed.
 */
export function unitInScope(scope: UnitScope, column: string): Expression<SqlBool> | undefined {
  if (scope.kind === 'province') return undefined;
  if (scope.kind === 'unit') return sql<SqlBool>`${sql.ref(column)} = ${scope.unitCode}`;
  return sql<SqlBool>`${sql.ref(column)} in (
    with recursive down(code) as (
      select code from unit where province_code = ${scope.province} and code = ${scope.unitCode}
      union all
      select u.code from unit u join down on u.parent_code = down.code where u.province_code = ${scope.province}
    )
    select code from down)`;
}

async function exists(db: Kysely<Database>, province: string, code: string): Promise<boolean> {
  const row = await db
    .selectFrom('unit')
    .select('code')
    .where('province_code', '=', province)
    .where('code', '=', code)
    .executeTakeFirst();
  return row !== undefined;
}
