import type { Kysely } from 'kysely';
import { type Act, inTransaction, recordAudit } from '../app/act.js';
import type { Database } from '../db/database.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import { problem } from '../http/app-error.js';
import { t } from '../localised.js';

/** 单位类别. */
export interface UnitClassView {
  code: string;
  name: string;
}

export async function listUnitClasses(db: Kysely<Database>, province: string): Promise<UnitClassView[]> {
  return db
    .selectFrom('unit_class')
    .select(['code', 'name'])
    .where('province_code', '=', province)
    .orderBy('code')
    .execute();
}

export async function createUnitClass(
  db: Kysely<Database>,
  act: Act,
  input: UnitClassView,
): Promise<UnitClassView> {
  const exists = () =>
    problem(
      'unit_class_exists',
      t(`单位类别“${input.code}”已存在`, `unit class "${input.code}" already exists`),
      { errors: [{ path: 'body.code', message: t('已被占用', 'is taken') }] },
    );
  return inTransaction(db, async (trx) => {
    const found = await trx
      .selectFrom('unit_class')
      .select('code')
      .where('province_code', '=', act.province)
      .where('code', '=', input.code)
      .executeTakeFirst();
    if (found !== undefined) throw exists();
    try {
      await trx
        .insertInto('unit_class')
        .values({ province_code: act.province, code: input.code, name: input.name })
        .execute();
    } catch (err) {
      if (isUniqueViolation(err)) throw exists();
      throw err;
    }
    await recordAudit(trx, act, {
      action: 'unitClass.create',
      entity: 'unit_class',
      entityId: input.code,
      after: input,
    });
    return { code: input.code, name: input.name };
  });
}
