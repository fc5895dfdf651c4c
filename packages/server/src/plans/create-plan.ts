import type { Kysely } from 'kysely';
import { type Act, inTransaction, recordAudit } from '../app/act.js';
import type { Database } from '../db/database.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import type { ProblemIssue } from '../http/app-error.js';
import { problem } from '../http/app-error.js';
import { t } from '../localised.js';
import { prepareDocument } from './plan-document.js';
import { getPlanVersionRow } from './plan-repository.js';
import { type PlanVersionDetail, rowToDetail, versionId } from './plan-version.js';

export interface NewPlan {
  code: string;
  name: string;
  document: unknown;
}

/** A new plan with its first version as a draft. */
export async function createPlan(
  db: Kysely<Database>,
  act: Act,
  input: NewPlan,
): Promise<PlanVersionDetail & { warnings: ProblemIssue[] }> {
  const stored = prepareDocument(input.document, input.code, 1);
  const exists = () =>
    problem('plan_exists', t(`方案代码“${input.code}”已存在`, `plan code "${input.code}" already exists`), {
      errors: [{ path: 'body.code', message: t('已被占用', 'is taken') }],
    });
  return inTransaction(db, async (trx) => {
    const found = await trx
      .selectFrom('plan')
      .select('code')
      .where('province_code', '=', act.province)
      .where('code', '=', input.code)
      .executeTakeFirst();
    if (found !== undefined) throw exists();
    try {
      await trx
        .insertInto('plan')
        .values({ province_code: act.province, code: input.code, name: input.name, created_at: act.at })
        .execute();
    } catch (err) {
      if (isUniqueViolation(err)) throw exists();
      throw err;
    }
    await trx
      .insertInto('plan_version')
      .values({
        province_code: act.province,
        plan_code: input.code,
        number: 1,
        document: stored.text,
        hash: stored.hash,
        status: 'draft',
        reason: null,
        created_by: act.actor,
        created_at: act.at,
      })
      .execute();
    const detail = rowToDetail(await getPlanVersionRow(trx, act.province, input.code, 1));
    await recordAudit(trx, act, {
      action: 'plan.create',
      entity: 'plan_version',
      entityId: versionId(input.code, 1),
      after: { name: input.name, hash: stored.hash, status: 'draft' },
    });
    return { ...detail, warnings: stored.warnings };
  });
}
