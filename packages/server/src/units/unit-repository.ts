import type { Kysely } from 'kysely';
import { type UnitScope, unitInScope } from '../auth/row-scope.js';
import type { Database } from '../db/database.js';
import { dialectOf } from '../db/database.js';
import { notFound } from '../http/app-error.js';
import { rowToUnit, UNIT, type Unit } from './unit.js';

export interface UnitListQuery {
  classCode?: string;
  level?: string;
  /** Direct children of this unit; `''` for the top of the hierarchy. */
  parentCode?: string;
  includeDisabled?: boolean;
  limit: number;
  offset: number;
}

/** Units of the scope, ordered by code (division codes sort parents before children). */
export async function listUnits(
  db: Kysely<Database>,
  scope: UnitScope,
  query: UnitListQuery,
): Promise<{ items: Unit[]; total: number }> {
  let q = db.selectFrom('unit').where('province_code', '=', scope.province);
  const inScope = unitInScope(scope, 'unit.code');
  if (inScope !== undefined) q = q.where(inScope);
  if (query.classCode !== undefined) q = q.where('class_code', '=', query.classCode);
  if (query.level !== undefined) q = q.where('level', '=', query.level);
  if (query.parentCode === '') q = q.where('parent_code', 'is', null);
  else if (query.parentCode !== undefined) q = q.where('parent_code', '=', query.parentCode);
  if (query.includeDisabled !== true) q = q.where('disabled', '=', 0);
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('code').limit(query.limit).offset(query.offset).execute(),
    q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(rowToUnit), total: Number(count.n) };
}

export async function findUnit(
  db: Kysely<Database>,
  province: string,
  code: string,
  { forUpdate = false } = {},
): Promise<Unit | undefined> {
  let q = db.selectFrom('unit').selectAll().where('province_code', '=', province).where('code', '=', code);
  if (forUpdate && dialectOf(db) === 'postgres') q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row === undefined ? undefined : rowToUnit(row);
}

export async function getUnit(
  db: Kysely<Database>,
  province: string,
  code: string,
  options: { forUpdate?: boolean } = {},
): Promise<Unit> {
  const unit = await findUnit(db, province, code, options);
  if (unit === undefined) throw notFound(UNIT, code);
  return unit;
}

/** A unit with the units under it, for the tree view. */
export interface UnitNode extends Unit {
  children: UnitNode[];
}

/**
 * The scope's units as a forest: each unit under its parent when the parent is in the scope too, else at
 * the top (a city office's tree starts at its city).
 */
export async function unitTree(
  db: Kysely<Database>,
  scope: UnitScope,
  includeDisabled: boolean,
): Promise<UnitNode[]> {
  let q = db.selectFrom('unit').selectAll().where('province_code', '=', scope.province);
  const inScope = unitInScope(scope, 'unit.code');
  if (inScope !== undefined) q = q.where(inScope);
  if (!includeDisabled) q = q.where('disabled', '=', 0);
  const units = (await q.orderBy('code').execute()).map(rowToUnit);
  const nodes = new Map<string, UnitNode>(units.map((u) => [u.code, { ...u, children: [] }]));
  const roots: UnitNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentCode === null ? undefined : nodes.get(node.parentCode);
    (parent === undefined ? roots : parent.children).push(node);
  }
  return roots;
}
