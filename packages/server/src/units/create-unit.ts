import type { Kysely } from 'kysely';
import { type Act, inTransaction, recordAudit } from '../app/act.js';
import { isUnitInScope, type UnitScope } from '../auth/row-scope.js';
import type { Database } from '../db/database.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import { problem } from '../http/app-error.js';
import { t } from '../localised.js';
import type { Unit } from './unit.js';
import type { UnitInput } from './unit-input.js';
import { unitExistsProblem, unknownClassProblem, unknownParentProblem } from './unit-problems.js';
import { findUnit } from './unit-repository.js';

/** Adds a unit under a parent of the writer's scope (or at the top, for a province-wide writer). */
export async function createUnit(
  db: Kysely<Database>,
  act: Act,
  scope: UnitScope,
  input: UnitInput,
  pathPrefix = 'body',
): Promise<Unit> {
  return inTransaction(db, async (trx) => {
    await checkRelations(trx, act.province, scope, input, pathPrefix);
    if ((await findUnit(trx, act.province, input.code)) !== undefined) throw unitExistsProblem(input.code);
    const unit: Unit = { ...input, disabled: false, version: 1 };
    try {
      await trx
        .insertInto('unit')
        .values({
          province_code: act.province,
          code: input.code,
          name: input.name,
          class_code: input.classCode,
          parent_code: input.parentCode,
          level: input.level,
          elasticity: input.elasticity,
        })
        .execute();
    } catch (err) {
      if (isUniqueViolation(err)) throw unitExistsProblem(input.code);
      throw err;
    }
    await recordAudit(trx, act, { action: 'unit.create', entity: 'unit', entityId: unit.code, after: unit });
    return unit;
  });
}

/** The class exists, the parent exists and lies in the writer's scope. */
export async function checkRelations(
  db: Kysely<Database>,
  province: string,
  scope: UnitScope,
  input: Pick<UnitInput, 'classCode' | 'parentCode'>,
  pathPrefix: string,
): Promise<void> {
  const cls = await db
    .selectFrom('unit_class')
    .select('code')
    .where('province_code', '=', province)
    .where('code', '=', input.classCode)
    .executeTakeFirst();
  if (cls === undefined) throw unknownClassProblem(input.classCode, `${pathPrefix}.classCode`);
  if (input.parentCode === null) {
    if (scope.kind !== 'province')
      throw problem(
        'out_of_scope',
        t('只有全省范围的账户可以添加顶级单位', 'only a province-wide account may add a top-level unit'),
      );
    return;
  }
  if ((await findUnit(db, province, input.parentCode)) === undefined)
    throw unknownParentProblem(input.parentCode, `${pathPrefix}.parentCode`);
  if (!(await isUnitInScope(db, scope, input.parentCode)))
    throw problem(
      'out_of_scope',
      t(
        `单位“${input.parentCode}”不在您的数据范围内`,
        `unit "${input.parentCode}" is outside your data scope`,
      ),
    );
}
