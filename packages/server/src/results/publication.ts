import { randomUUID } from 'node:crypto';
import { sensitivity } from '@xiaoneng/engine';
import type { Kysely } from 'kysely';
import { type Act, inTransaction, recordAudit } from '../app/act.js';
import type { Database } from '../db/database.js';
import type { AppealRow } from '../db/tables/appeal.table.js';
import { notFound, problem, versionConflict } from '../http/app-error.js';
import { t } from '../localised.js';
import { APPEAL, SNAPSHOT } from './result-problems.js';
import { runScoring } from './run-scoring.js';
import { decodeInputs } from './scoring-inputs.js';
import { getSnapshotHead, loadPlanDocument, type SnapshotHead } from './snapshot-store.js';
import { noticeEnd, type WorkingCalendar } from './working-days.js';

/** 公示期 by default: five working days. */
export const DEFAULT_NOTICE_DAYS = 5;

/** Whether a published snapshot's notice period is over at `at` (ISO): then it is final and locked. */
export function isFinal(head: Pick<SnapshotHead, 'status' | 'notice_ends_at'>, at: string): boolean {
  return head.status === 'published' && head.notice_ends_at !== null && at >= head.notice_ends_at;
}

function checkVersion(head: SnapshotHead, version: number): void {
  if (head.version !== version) throw versionConflict(SNAPSHOT, version, head.version);
}

async function bump(
  db: Kysely<Database>,
  head: SnapshotHead,
  changes: Partial<Pick<SnapshotHead, 'status' | 'published_at' | 'notice_ends_at' | 'sensitivity_json'>>,
): Promise<SnapshotHead> {
  const r = await db
    .updateTable('result_snapshot')
    .set({ ...changes, version: head.version + 1 })
    .where('province_code', '=', head.province_code)
    .where('id', '=', head.id)
    .where('version', '=', head.version)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw versionConflict(SNAPSHOT, head.version, head.version + 1);
  return { ...head, ...changes, version: head.version + 1 };
}

/** Makes a draft snapshot public and opens its notice period. */
export function publishSnapshot(
  db: Kysely<Database>,
  act: Act,
  id: string,
  input: { version: number; noticeDays?: number },
  calendar: WorkingCalendar = {},
): Promise<SnapshotHead> {
  return inTransaction(db, async (trx) => {
    const head = await getSnapshotHead(trx, act.province, id);
    checkVersion(head, input.version);
    if (head.status !== 'draft')
      throw problem(
        'snapshot_state',
        t(`快照“${id}”已发布或已被更正，不能再发布`, `snapshot "${id}" is already published or superseded`),
      );
    const ends = noticeEnd(new Date(act.at), input.noticeDays ?? DEFAULT_NOTICE_DAYS, calendar).toISOString();
    const after = await bump(trx, head, { status: 'published', published_at: act.at, notice_ends_at: ends });
    await recordAudit(trx, act, {
      action: 'results.publish',
      entity: 'result_snapshot',
      entityId: id,
      before: { status: head.status },
      after: { status: after.status, publishedAt: act.at, noticeEndsAt: ends },
    });
    return after;
  });
}

function requireNoticeOpen(head: SnapshotHead, at: string): void {
  if (head.status !== 'published')
    throw problem(
      'snapshot_state',
      t(`快照“${head.id}”未在公示中`, `snapshot "${head.id}" is not in its public notice period`),
    );
  if (isFinal(head, at))
    throw problem(
      'result_final',
      t(
        `公示期已于 ${head.notice_ends_at} 结束，结果已锁定`,
        `the notice period ended at ${head.notice_ends_at}; the result is final`,
      ),
    );
}

export interface AppealView {
  id: string;
  snapshotId: string;
  unitCode: string;
  reasons: string;
  evidence: string[];
  status: AppealRow['status'];
  reply: string | null;
  filedBy: string;
  filedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  correctedById: string | null;
  version: number;
}

export function appealView(r: AppealRow): AppealView {
  return {
    id: r.id,
    snapshotId: r.snapshot_id,
    unitCode: r.unit_code,
    reasons: r.reasons,
    evidence: JSON.parse(r.evidence_json) as string[],
    status: r.status,
    reply: r.reply,
    filedBy: r.filed_by,
    filedAt: r.filed_at,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    correctedById: r.corrected_by_id,
    version: r.version,
  };
}

/** 申诉: a unit contests its published result, during the notice period only. */
export function fileAppeal(
  db: Kysely<Database>,
  act: Act,
  snapshotId: string,
  input: { unitCode: string; reasons: string; evidence: readonly string[] },
): Promise<AppealView> {
  return inTransaction(db, async (trx) => {
    const head = await getSnapshotHead(trx, act.province, snapshotId);
    requireNoticeOpen(head, act.at);
    const unit = await trx
      .selectFrom('result_unit')
      .select('unit_code')
      .where('province_code', '=', act.province)
      .where('snapshot_id', '=', snapshotId)
      .where('unit_code', '=', input.unitCode)
      .executeTakeFirst();
    if (unit === undefined)
      throw problem(
        'unit_unknown',
        t(`快照中没有单位“${input.unitCode}”`, `unit "${input.unitCode}" is not in this snapshot`),
        { errors: [{ path: 'body.unitCode', message: t('不在快照中', 'not in the snapshot') }] },
      );
    const evidence = [...new Set(input.evidence)];
    if (evidence.length > 0) {
      const found = await trx
        .selectFrom('evidence')
        .select('hash')
        .where('province_code', '=', act.province)
        .where('hash', 'in', evidence)
        .execute();
      const known = new Set(found.map((f) => f.hash));
      const missing = evidence.findIndex((e) => !known.has(e));
      if (missing >= 0)
        throw problem(
          'not_found',
          t(`佐证材料“${evidence[missing]}”不存在`, `evidence "${evidence[missing]}" does not exist`),
          {
            errors: [{ path: `body.evidence[${missing}]`, message: t('不存在', 'does not exist') }],
          },
        );
    }
    const row: AppealRow = {
      province_code: act.province,
      id: randomUUID(),
      snapshot_id: snapshotId,
      unit_code: input.unitCode,
      reasons: input.reasons,
      evidence_json: JSON.stringify(evidence),
      status: 'pending',
      reply: null,
      filed_by: act.actor,
      filed_at: act.at,
      decided_by: null,
      decided_at: null,
      corrected_by_id: null,
      version: 1,
    };
    const { version: _v, ...insertable } = row;
    await trx.insertInto('appeal').values(insertable).execute();
    await recordAudit(trx, act, {
      action: 'appeals.file',
      entity: 'appeal',
      entityId: row.id,
      after: { snapshot: snapshotId, unit: input.unitCode, reasons: input.reasons, evidence },
    });
    return appealView(row);
  });
}

export async function getAppeal(db: Kysely<Database>, province: string, id: string): Promise<AppealRow> {
  const row = await db
    .selectFrom('appeal')
    .selectAll()
    .where('province_code', '=', province)
    .where('id', '=', id)
    .executeTakeFirst();
  if (row === undefined) throw notFound(APPEAL, id);
  return row;
}

/** The office accepts or rejects an appeal with a reply, during the notice period. */
export function decideAppeal(
  db: Kysely<Database>,
  act: Act,
  id: string,
  input: { decision: 'accepted' | 'rejected'; reply: string; version: number },
): Promise<AppealView> {
  return inTransaction(db, async (trx) => {
    const row = await getAppeal(trx, act.province, id);
    if (row.version !== input.version) throw versionConflict(APPEAL, input.version, row.version);
    if (row.status !== 'pending')
      throw problem('appeal_state', t(`申诉“${id}”已答复`, `appeal "${id}" has already been decided`));
    const head = await getSnapshotHead(trx, act.province, row.snapshot_id);
    requireNoticeOpen(head, act.at);
    const changes = {
      status: input.decision,
      reply: input.reply,
      decided_by: act.actor,
      decided_at: act.at,
      version: row.version + 1,
    };
    const r = await trx
      .updateTable('appeal')
      .set(changes)
      .where('province_code', '=', act.province)
      .where('id', '=', id)
      .where('version', '=', row.version)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw versionConflict(APPEAL, row.version, row.version + 1);
    await recordAudit(trx, act, {
      action: 'appeals.decide',
      entity: 'appeal',
      entityId: id,
      before: { status: row.status },
      after: { status: input.decision, reply: input.reply },
    });
    return appealView({ ...row, ...changes });
  });
}

/**
 * After accepted appeals (and the office's fixes to the values they showed wrong), re-scores the period
 * into a corrected snapshot that links to the original and records the reason. The correction takes the
 * original's place in public for the rest of the same notice period; the original is kept, superseded.
 */
export function correctSnapshot(
  db: Kysely<Database>,
  act: Act,
  id: string,
  input: { reason: string; version: number },
): Promise<SnapshotHead> {
  return inTransaction(db, async (trx) => {
    const head = await getSnapshotHead(trx, act.province, id);
    checkVersion(head, input.version);
    requireNoticeOpen(head, act.at);
    const accepted = await trx
      .selectFrom('appeal')
      .select('id')
      .where('province_code', '=', act.province)
      .where('snapshot_id', '=', id)
      .where('status', '=', 'accepted')
      .where('corrected_by_id', 'is', null)
      .execute();
    if (accepted.length === 0)
      throw problem(
        'appeal_state',
        t(
          `快照“${id}”没有待更正的已受理申诉`,
          `snapshot "${id}" has no accepted appeal awaiting a correction`,
        ),
      );
    const { snapshot } = await runScoring(
      trx,
      act,
      { planCode: head.plan_code, planVersion: head.plan_version, period: head.period_code },
      { correction: { correctsId: id, reason: input.reason } },
    );
    await bump(trx, head, { status: 'superseded' });
    const corrected = await bump(trx, snapshot, {
      status: 'published',
      published_at: act.at,
      notice_ends_at: head.notice_ends_at,
    });
    await trx
      .updateTable('appeal')
      .set((eb) => ({ corrected_by_id: snapshot.id, version: eb('version', '+', 1) }))
      .where('province_code', '=', act.province)
      .where(
        'id',
        'in',
        accepted.map((a) => a.id),
      )
      .execute();
    await recordAudit(trx, act, {
      action: 'results.supersede',
      entity: 'result_snapshot',
      entityId: id,
      before: { status: head.status },
      after: {
        status: 'superseded',
        correctedBy: snapshot.id,
        reason: input.reason,
        appeals: accepted.map((a) => a.id),
      },
    });
    return corrected;
  });
}

export interface SensitivityInput {
  draws: number;
  seed: number;
  weightNoise?: number;
  version: number;
}

/** Runs the sensitivity analysis over the snapshot's own inputs and stores it with the snapshot. */
export function runSensitivity(
  db: Kysely<Database>,
  act: Act,
  id: string,
  input: SensitivityInput,
): Promise<SnapshotHead> {
  return inTransaction(db, async (trx) => {
    const head = await getSnapshotHead(trx, act.province, id);
    checkVersion(head, input.version);
    if (head.status === 'superseded' || isFinal(head, act.at))
      throw problem(
        'result_final',
        t(`快照“${id}”已锁定，不能再附加分析`, `snapshot "${id}" is locked; nothing more can be attached`),
      );
    const doc = await loadPlanDocument(trx, act.province, head.plan_code, head.plan_version);
    const blob = await trx
      .selectFrom('result_snapshot')
      .select('inputs_blob')
      .where('province_code', '=', act.province)
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const inputs = decodeInputs(blob.inputs_blob);
    const options = {
      draws: input.draws,
      seed: input.seed,
      ...(input.weightNoise === undefined ? {} : { weightNoise: input.weightNoise }),
    };
    const result = sensitivity(doc.plan, inputs.units, inputs.values, { period: head.period_code }, options);
    const after = await bump(trx, head, { sensitivity_json: JSON.stringify(result) });
    await recordAudit(trx, act, {
      action: 'results.sensitivity',
      entity: 'result_snapshot',
      entityId: id,
      after: { ...options, unstable: result.unstableCount },
    });
    return after;
  });
}
