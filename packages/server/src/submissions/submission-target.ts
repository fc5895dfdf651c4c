import type { Plan } from '@xiaoneng/engine';
import type { Kysely } from 'kysely';
import type { Principal } from '../auth/principal.js';
import { requireUnitInScope, unitScopeOf } from '../auth/row-scope.js';
import type { Database } from '../db/database.js';
import { problem } from '../http/app-error.js';
import { t } from '../localised.js';
import { acceptsSubmissions, type PeriodView } from '../periods/period.js';
import { requireOpenPeriod } from '../periods/period-service.js';
import { getUnit } from '../units/unit-repository.js';
import { publishedPlanVersion } from './published-plan-versions.js';
import type { SubmissionKey } from './submission.js';

/**
 * What every value write checks first: the unit is in the writer's scope and active, the period takes
 * submissions now, and the plan has the published version the values are entered against (the given one,
 * else the latest).
 */
export async function requireWritableTarget(
  db: Kysely<Database>,
  principal: Principal,
  key: SubmissionKey,
  at: string,
  planVersion?: number,
): Promise<{ number: number; plan: Plan }> {
  await requireUnitInScope(db, principal, key.unitCode);
  const target = await targetOf(db, principal.province, key);
  if (target === undefined) {
    await getUnit(db, principal.province, key.unitCode);
    throw new Error(`unit ${key.unitCode} vanished while it was checked`);
  }
  return requireWritable(db, principal, key, at, target, planVersion);
}

/** The unit and the period of a write, read in one statement. */
export interface WriteTarget {
  disabled: boolean;
  /** Undefined when the period does not exist. */
  period: PeriodView | undefined;
}

async function targetOf(
  db: Kysely<Database>,
  province: string,
  key: SubmissionKey,
): Promise<WriteTarget | undefined> {
  const row = await db
    .selectFrom('unit as u')
    .leftJoin('period as p', (join) =>
      join.onRef('p.province_code', '=', 'u.province_code').on('p.code', '=', key.periodCode),
    )
    .select(['u.disabled', 'p.code', 'p.type', 'p.status', 'p.deadline', 'p.version'])
    .where('u.province_code', '=', province)
    .where('u.code', '=', key.unitCode)
    .executeTakeFirst();
  return row === undefined ? undefined : writeTargetOf(row);
}

/** The unit's `disabled` and the period's columns (null when there is no such period) as a WriteTarget. */
export function writeTargetOf(row: {
  disabled: unknown;
  code: string | null;
  type: PeriodView['type'] | null;
  status: PeriodView['status'] | null;
  deadline: string | null;
  version: number | string | null;
}): WriteTarget {
  const { code, type, status, deadline, version } = row;
  return {
    disabled: Number(row.disabled) === 1,
    period:
      code === null || type === null || status === null || version === null
        ? undefined
        : { code, type, status, deadline, version: Number(version) },
  };
}

/**
 * The scope check of a value write, reading the unit and the period on the way (one statement on the hot
 * path: a unit-bound writer or a province-wide one). A subtree scope, and anything amiss, goes through
 * requireUnitInScope, which owns the message.
 */
export async function requireTargetInScope(
  db: Kysely<Database>,
  principal: Principal,
  key: SubmissionKey,
): Promise<WriteTarget> {
  if (!isDirectScope(principal, key.unitCode)) await requireUnitInScope(db, principal, key.unitCode);
  return (await targetOf(db, principal.province, key)) ?? missingTarget(db, principal, key);
}

/** Whether the scope check needs no query: a province-wide writer, or one bound to the unit written. */
export function isDirectScope(principal: Principal, unitCode: string): boolean {
  const scope = unitScopeOf(principal);
  return scope.kind === 'province' || (scope.kind === 'unit' && scope.unitCode === unitCode);
}

/** The unit of a write was not found: the scope check or the unit's lookup says why, with their messages. */
export async function missingTarget(
  db: Kysely<Database>,
  principal: Principal,
  key: SubmissionKey,
): Promise<never> {
  await requireUnitInScope(db, principal, key.unitCode);
  await getUnit(db, principal.province, key.unitCode);
  throw new Error(`unit ${key.unitCode} vanished while it was checked`);
}

/**
 * The rest of the checks on a target read by requireTargetInScope: the unit is active, the period takes
 * submissions at `at` (its service gives the message when not), and the plan version is published.
 */
export async function requireWritable(
  db: Kysely<Database>,
  principal: Principal,
  key: SubmissionKey,
  at: string,
  target: WriteTarget,
  planVersion?: number,
): Promise<{ number: number; plan: Plan }> {
  if (target.disabled)
    throw problem(
      'unit_disabled',
      t(`单位“${key.unitCode}”已停用，不能填报`, `unit "${key.unitCode}" is disabled and takes no values`),
    );
  if (target.period === undefined || !acceptsSubmissions(target.period, at))
    await requireOpenPeriod(db, principal.province, key.periodCode, at);
  return publishedPlanVersion(db, principal.province, key.planCode, planVersion);
}
