import type { Kysely } from 'kysely';
import { type Act, inTransaction, recordAudit } from '../app/act.js';
import { isUnitInScope, type UnitScope, unitCodesInScope } from '../auth/row-scope.js';
import type { Database } from '../db/database.js';
import { problem, versionConflict } from '../http/app-error.js';
import { t } from '../localised.js';
import { checkRelations } from './create-unit.js';
import { UNIT, type Unit } from './unit.js';
import { getUnit } from './unit-repository.js';

export interface UnitChanges {
  name?: string;
  classCode?: string;
  parentCode?: string | null;
  level?: string;
  elasticity?: number | null;
  disabled?: boolean;
  version: number;
}

/** Renames, re-classes, moves, disables or enables a unit of the writer's scope. */
export async function updateUnit(
  db: Kysely<Database>,
  act: Act,
  scope: UnitScope,
  code: string,
  changes: UnitChanges,
): Promise<Unit> {
  return inTransaction(db, async (trx) => {
    const before = await getUnit(trx, act.province, code, { forUpdate: true });
    if (!(await isUnitInScope(trx, scope, code)))
      throw problem(
        'out_of_scope',
        t(`单位“${code}”不在您的数据范围内`, `unit "${code}" is outside your data scope`),
      );
    if (before.version !== changes.version) throw versionConflict(UNIT, changes.version, before.version);
    const after: Unit = {
      ...before,
      name: changes.name ?? before.name,
      classCode: changes.classCode ?? before.classCode,
      parentCode: changes.parentCode === undefined ? before.parentCode : changes.parentCode,
      level: changes.level ?? before.level,
      elasticity: changes.elasticity === undefined ? before.elasticity : changes.elasticity,
      disabled: changes.disabled ?? before.disabled,
      version: before.version + 1,
    };
    if (after.classCode !== before.classCode || after.parentCode !== before.parentCode)
      await checkRelations(trx, act.province, scope, after, 'body');
    if (after.parentCode !== null && after.parentCode !== before.parentCode) {
      // Under itself or under one of its own descendants would make the hierarchy a loop.
      const below = await unitCodesInScope(trx, { kind: 'subtree', province: act.province, unitCode: code });
      if (below !== 'all' && below.includes(after.parentCode))
        throw problem(
          'unit_cycle',
          t(
            `单位“${code}”不能挂在“${after.parentCode}”之下：后者是它自身或它的下级`,
            `unit "${code}" cannot sit under "${after.parentCode}": that is the unit itself or below it`,
          ),
          {
            errors: [{ path: 'body.parentCode', message: t('是本单位或其下级', 'is this unit or below it') }],
          },
        );
    }
    await trx
      .updateTable('unit')
      .set({
        name: after.name,
        class_code: after.classCode,
        parent_code: after.parentCode,
        level: after.level,
        elasticity: after.elasticity,
        disabled: after.disabled ? 1 : 0,
        version: after.version,
      })
      .where('province_code', '=', act.province)
      .where('code', '=', code)
      .where('version', '=', before.version)
      .execute();
    const action =
      after.disabled === before.disabled ? 'unit.update' : after.disabled ? 'unit.disable' : 'unit.enable';
    await recordAudit(trx, act, { action, entity: 'unit', entityId: code, before, after });
    return after;
  });
}
