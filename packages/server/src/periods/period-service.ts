import { parsePeriod } from '@xiaoneng/engine';
import type { Kysely } from 'kysely';
import { type Act, inTransaction, recordAudit } from '../app/act.js';
import type { Database } from '../db/database.js';
import { dialectOf } from '../db/database.js';
import type { PeriodStatus } from '../db/tables/period.table.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import { notFound, problem, versionConflict } from '../http/app-error.js';
import { t } from '../localised.js';
import { acceptsSubmissions, PERIOD, type PeriodView, rowToPeriod } from './period.js';

export async function listPeriods(
  db: Kysely<Database>,
  province: string,
  status?: PeriodStatus,
): Promise<PeriodView[]> {
  let q = db.selectFrom('period').selectAll().where('province_code', '=', province);
  if (status !== undefined) q = q.where('status', '=', status);
  return (await q.orderBy('code').execute()).map(rowToPeriod);
}

export async function getPeriod(
  db: Kysely<Database>,
  province: string,
  code: string,
  { forUpdate = false } = {},
): Promise<PeriodView> {
  let q = db.selectFrom('period').selectAll().where('province_code', '=', province).where('code', '=', code);
  if (forUpdate && dialectOf(db) === 'postgres') q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (row === undefined) throw notFound(PERIOD, code);
  return rowToPeriod(row);
}

/** Throws 409 `period_closed` unless the period takes submissions at `at`. */
export async function requireOpenPeriod(
  db: Kysely<Database>,
  province: string,
  code: string,
  at: string,
): Promise<PeriodView> {
  const period = await getPeriod(db, province, code);
  if (acceptsSubmissions(period, at)) return period;
  throw problem(
    'period_closed',
    period.status === 'closed'
      ? t(`考核周期“${code}”已关闭，不能填报`, `period "${code}" is closed for submission`)
      : t(
          `考核周期“${code}”的填报截止时间 ${period.deadline} 已过`,
          `the deadline of period "${code}" (${period.deadline}) has passed`,
        ),
  );
}

export async function createPeriod(
  db: Kysely<Database>,
  act: Act,
  input: { code: string; status?: PeriodStatus; deadline?: string | null },
): Promise<PeriodView> {
  const parsed = parsePeriod(input.code);
  if (parsed === undefined)
    throw problem(
      'period_invalid',
      t(`“${input.code}”不是考核周期代码`, `"${input.code}" is not a period code`),
      {
        errors: [
          {
            path: 'body.code',
            message: t(
              '应形如 2026M03、2026Q1、2026H1 或 2026',
              'must look like 2026M03, 2026Q1, 2026H1 or 2026',
            ),
          },
        ],
      },
    );
  const period: PeriodView = {
    code: input.code,
    type: parsed.type,
    status: input.status ?? 'open',
    deadline: normaliseInstant(input.deadline ?? null),
    version: 1,
  };
  const exists = () =>
    problem('period_exists', t(`考核周期“${input.code}”已存在`, `period "${input.code}" already exists`));
  return inTransaction(db, async (trx) => {
    const found = await trx
      .selectFrom('period')
      .select('code')
      .where('province_code', '=', act.province)
      .where('code', '=', input.code)
      .executeTakeFirst();
    if (found !== undefined) throw exists();
    try {
      await trx
        .insertInto('period')
        .values({
          province_code: act.province,
          code: period.code,
          type: period.type,
          status: period.status,
          deadline: period.deadline,
        })
        .execute();
    } catch (err) {
      if (isUniqueViolation(err)) throw exists();
      throw err;
    }
    await recordAudit(trx, act, {
      action: 'period.create',
      entity: 'period',
      entityId: period.code,
      after: period,
    });
    return period;
  });
}

/** Opens or closes a period, or moves its deadline. */
export async function updatePeriod(
  db: Kysely<Database>,
  act: Act,
  code: string,
  changes: { status?: PeriodStatus; deadline?: string | null; version: number },
): Promise<PeriodView> {
  return inTransaction(db, async (trx) => {
    const before = await getPeriod(trx, act.province, code, { forUpdate: true });
    if (before.version !== changes.version) throw versionConflict(PERIOD, changes.version, before.version);
    const after: PeriodView = {
      ...before,
      status: changes.status ?? before.status,
      deadline: changes.deadline === undefined ? before.deadline : normaliseInstant(changes.deadline),
      version: before.version + 1,
    };
    await trx
      .updateTable('period')
      .set({ status: after.status, deadline: after.deadline, version: after.version })
      .where('province_code', '=', act.province)
      .where('code', '=', code)
      .where('version', '=', before.version)
      .execute();
    const action =
      after.status === before.status
        ? 'period.update'
        : after.status === 'open'
          ? 'period.open'
          : 'period.close';
    await recordAudit(trx, act, { action, entity: 'period', entityId: code, before, after });
    return after;
  });
}

// Instants are compared as text (ISO 8601 UTC with milliseconds, as stored everywhere): a deadline given
// with an offset, `+08:00`, is brought to that form first.
function normaliseInstant(instant: string | null): string | null {
  return instant === null ? null : new Date(instant).toISOString();
}
