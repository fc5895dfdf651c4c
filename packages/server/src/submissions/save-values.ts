import type { Kysely, Transaction } from 'kysely';
import { type Act, inTransaction, recordAudit } from '../app/act.js';
import { moveQueuedAudit } from '../audit/audit-queue.js';
import type { Principal } from '../auth/principal.js';
import { type Database, dialectOf } from '../db/database.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import { versionConflict } from '../http/app-error.js';
import { saveValuesOnPostgres } from './save-values-postgres.js';
import { requireSource } from './source-roles.js';
import {
  rowToSubmission,
  SUBMISSION,
  type Submission,
  type SubmissionKey,
  submissionId,
} from './submission.js';
import { findSubmission, stateProblem } from './submission-repository.js';
import { requireTargetInScope, requireWritable } from './submission-target.js';
import {
  auditedValuesOf,
  checkValueItems,
  type ValueItem,
  valuesAfterWrite,
  writeValues,
} from './value-items.js';

/**
 * A reporter saves its unit's own values (source self) into the submission, creating it as a draft against
 * the plan's latest published version on the first save (`version` 0). Allowed while the submission is a
 * draft or returned; the submission's version guards the whole set.
 *
 * The hot path of a reporting deadline, so it is a handful of statements: scope, unit and period are read
 * by one; the version check, the state check, the row lock (PostgreSQL) and the version bump are one
 * UPDATE; the values one upsert; the values after the save are computed, not read back. Checks fail in the
 * same order as ever (scope, version, state, unit, period, plan, items), and whatever fails rolls the bump
 * back with everything else. On PostgreSQL outside a caller's transaction it is two statements, a read and
 * a guarded write (save-values-postgres.ts).
 */
export async function saveSubmissionValues(
  db: Kysely<Database>,
  act: Act,
  principal: Principal,
  key: SubmissionKey,
  input: { values: ValueItem[]; version: number },
): Promise<Submission> {
  requireSource(principal, 'self');
  // On PostgreSQL the audit entry goes through the queue (audit/audit-queue.ts), so that saves commit side
  // by side instead of one after the other behind the chain's lock; SQLite has one writer anyway, and
  // inside a caller's transaction the move could not follow the commit.
  const queued = !db.isTransaction && dialectOf(db) === 'postgres';
  const submission = queued
    ? await saveValuesOnPostgres(db, act, principal, key, input)
    : await inTransaction(db, (trx) => saveInTransaction(trx, act, principal, key, input));
  if (queued)
    await moveQueuedAudit(db, act.province).catch((err: unknown) =>
      // The save is committed and its entry waits in the queue, where the next move takes it.
      process.emitWarning(
        `audit entries wait in the queue: ${err instanceof Error ? err.message : String(err)}`,
        'AuditWarning',
      ),
    );
  return submission;
}

/** The save as one transaction, the audit entry appended to the chain directly. */
async function saveInTransaction(
  trx: Transaction<Database>,
  act: Act,
  principal: Principal,
  key: SubmissionKey,
  input: { values: ValueItem[]; version: number },
): Promise<Submission> {
  const target = await requireTargetInScope(trx, principal, key);
  const saved = await bumpVersion(trx, act.province, key, input.version);
  if (saved === undefined) {
    const existing = await findSubmission(trx, act.province, key, { forUpdate: true });
    const current = existing?.version ?? 0;
    if (current !== input.version) throw versionConflict(SUBMISSION, input.version, current);
    if (existing !== undefined) throw stateProblem(existing, { zh: '修改数据', en: 'edited' });
  }
  const { number, plan } = await requireWritable(trx, principal, key, act.at, target, saved?.planVersion);
  await checkValueItems(trx, act.province, plan, input.values, 'body.values');
  const before = await auditedValuesOf(trx, act.province, key, 'self');
  const submission = saved ?? (await insertDraft(trx, act, key, number));
  await writeValues(trx, act.province, key, 'self', input.values, act.actor, act.at);
  await recordAudit(trx, act, {
    action: 'submission.values',
    entity: 'submission',
    entityId: submissionId(key),
    before,
    after: valuesAfterWrite(before, input.values),
  });
  return submission;
}

/**
 * Bumps the submission's version if it is at `version` and still editable (draft or returned), returning it
 * as stored; undefined when it is missing, at another version or in another state.
 */
async function bumpVersion(
  trx: Kysely<Database>,
  province: string,
  key: SubmissionKey,
  version: number,
): Promise<Submission | undefined> {
  if (version === 0) return undefined;
  const row = await trx
    .updateTable('submission')
    .set({ version: version + 1 })
    .where('province_code', '=', province)
    .where('plan_code', '=', key.planCode)
    .where('period_code', '=', key.periodCode)
    .where('unit_code', '=', key.unitCode)
    .where('version', '=', version)
    .where('status', 'in', ['draft', 'returned'])
    .returningAll()
    .executeTakeFirst();
  return row === undefined ? undefined : rowToSubmission(row);
}

async function insertDraft(trx: Kysely<Database>, act: Act, key: SubmissionKey, planVersion: number) {
  try {
    const row = await trx
      .insertInto('submission')
      .values({
        province_code: act.province,
        plan_code: key.planCode,
        period_code: key.periodCode,
        unit_code: key.unitCode,
        plan_version: planVersion,
        status: 'draft',
        created_at: act.at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return rowToSubmission(row);
  } catch (err) {
    // Another first save committed between our read and our insert.
    if (isUniqueViolation(err)) throw versionConflict(SUBMISSION, 0, 1);
    throw err;
  }
}
