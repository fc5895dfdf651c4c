import type { Plan } from '@xiaoneng/engine';
import type { Kysely } from 'kysely';
import type { Principal } from '../auth/principal.js';
import { requireUnitInScope } from '../auth/row-scope.js';
import type { Database } from '../db/database.js';
import { problem } from '../http/app-error.js';
import { t } from '../localised.js';
import { requireOpenPeriod } from '../periods/period-service.js';
import { publishedPlan } from '../plans/plan-repository.js';
import { getUnit } from '../units/unit-repository.js';
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
  const unit = await getUnit(db, principal.province, key.unitCode);
  if (unit.disabled)
    throw problem(
      'unit_disabled',
      t(`单位“${unit.code}”已停用，不能填报`, `unit "${unit.code}" is disabled and takes no values`),
    );
  await requireOpenPeriod(db, principal.province, key.periodCode, at);
  return publishedPlan(db, principal.province, key.planCode, planVersion);
}
