import { randomUUID } from 'node:crypto';
import { dimensionCodes, EngineError, GRADES, pointsAt, type ResultSet, score } from '@xiaoneng/engine';
import type { Kysely, Transaction } from 'kysely';
import { type Act, inTransaction, recordAudit } from '../app/act.js';
import type { Database } from '../db/database.js';
import type { NewResultUnitRow } from '../db/tables/result-unit.table.js';
import { notFound, problem } from '../http/app-error.js';
import { t } from '../localised.js';
import { loadApprovedInputs } from './load-approved-inputs.js';
import { PERIOD } from './result-problems.js';
import { encodeInputs, type ScoringInputs, snapshotHash } from './scoring-inputs.js';
import {
  cacheKey,
  getSnapshotHead,
  loadPlanDocument,
  resultCacheOf,
  type SnapshotHead,
} from './snapshot-store.js';

export interface ScoringRequest {
  planCode: string;
  period: string;
  /** Defaults to the plan's latest published version. */
  planVersion?: number;
}

export interface ScoringOptions {
  /** Set on a corrected snapshot: the one it corrects and why. */
  correction?: { correctsId: string; reason: string };
  /** Called after each batch of per-unit rows is written; tests throw from it to prove the run is atomic. */
  onBatch?: (written: number) => void;
  /** Replaces the engine call; tests make it throw to prove nothing is written. */
  scoreFn?: typeof score;
}

export interface ScoringOutcome {
  snapshot: SnapshotHead;
  /** False when a live snapshot with the same hash already existed and was returned instead. */
  created: boolean;
}

/** Per-unit rows per INSERT: 10 columns each, well inside SQLite's and PostgreSQL's parameter limits. */
const BATCH = 1000;

/**
 * A scoring run (评分): loads the published plan version and the approved values of a period, scores them,
 * and stores an immutable snapshot with its per-unit figures, all in one transaction: a failure anywhere
 * leaves the database as it was. Scoring the same plan version over the same inputs again gives the same
 * snapshot hash, and returns the snapshot already stored rather than a duplicate.
 */
export async function runScoring(
  db: Kysely<Database>,
  act: Act,
  request: ScoringRequest,
  options: ScoringOptions = {},
): Promise<ScoringOutcome> {
  const outcome = await inTransaction(db, async (trx) => {
    const versionNumber = request.planVersion ?? (await latestPublished(trx, act.province, request.planCode));
    const doc = await loadPlanDocument(trx, act.province, request.planCode, versionNumber);
    if (doc.status !== 'published')
      throw problem(
        'snapshot_state',
        t(
          `方案“${request.planCode}”第 ${versionNumber} 版尚未发布，不能评分`,
          `plan "${request.planCode}" version ${versionNumber} is not published and cannot be scored`,
        ),
      );
    await requirePeriod(trx, act.province, request.period);
    const inputs = await loadApprovedInputs(trx, act.province, request.planCode, request.period, doc.plan);
    const rs = scoreOrProblem(options.scoreFn ?? score, doc.plan, inputs, request.period);
    const encoded = encodeInputs(inputs);
    const hash = snapshotHash(doc.hash, encoded.hash);

    if (options.correction === undefined) {
      const same = await trx
        .selectFrom('result_snapshot')
        .select('id')
        .where('province_code', '=', act.province)
        .where('plan_code', '=', request.planCode)
        .where('period_code', '=', request.period)
        .where('hash', '=', hash)
        .where('status', '<>', 'superseded')
        .executeTakeFirst();
      if (same !== undefined)
        return { snapshot: await getSnapshotHead(trx, act.province, same.id), created: false, rs };
    }

    const id = randomUUID();
    const head: SnapshotHead = {
      province_code: act.province,
      id,
      plan_code: request.planCode,
      plan_version: versionNumber,
      period_code: request.period,
      plan_hash: doc.hash,
      inputs_hash: encoded.hash,
      hash,
      unit_count: rs.units.length,
      value_count: encoded.valueCount,
      sensitivity_json: null,
      status: 'draft',
      corrects_id: options.correction?.correctsId ?? null,
      correction_reason: options.correction?.reason ?? null,
      published_at: null,
      notice_ends_at: null,
      created_by: act.actor,
      created_at: act.at,
      version: 1,
    };
    const { version: _version, ...insertable } = head;
    await trx
      .insertInto('result_snapshot')
      .values({ ...insertable, inputs_blob: encoded.blob })
      .execute();
    await insertUnitRows(trx, act.province, id, rs, options.onBatch);
    await recordAudit(trx, act, {
      action: options.correction ? 'results.correct' : 'results.run',
      entity: 'result_snapshot',
      entityId: id,
      after: {
        plan: request.planCode,
        planVersion: versionNumber,
        period: request.period,
        hash,
        inputsHash: encoded.hash,
        units: rs.units.length,
        values: encoded.valueCount,
        ...(options.correction
          ? { corrects: options.correction.correctsId, reason: options.correction.reason }
          : {}),
      },
    });
    return { snapshot: head, created: true, rs };
  });
  // Only after the commit: a rolled-back run must leave nothing behind, not even in memory.
  resultCacheOf(db).put(cacheKey(act.province, outcome.snapshot.id), outcome.rs);
  return { snapshot: outcome.snapshot, created: outcome.created };
}

async function latestPublished(db: Kysely<Database>, province: string, planCode: string): Promise<number> {
  const row = await db
    .selectFrom('plan_version')
    .select((eb) => eb.fn.max('number').as('n'))
    .where('province_code', '=', province)
    .where('plan_code', '=', planCode)
    .where('status', '=', 'published')
    .executeTakeFirst();
  if (row?.n === null || row?.n === undefined)
    throw problem(
      'snapshot_state',
      t(
        `方案“${planCode}”没有已发布的版本，不能评分`,
        `plan "${planCode}" has no published version to score`,
      ),
    );
  return Number(row.n);
}

async function requirePeriod(db: Kysely<Database>, province: string, code: string): Promise<void> {
  const row = await db
    .selectFrom('period')
    .select('code')
    .where('province_code', '=', province)
    .where('code', '=', code)
    .executeTakeFirst();
  if (row === undefined) throw notFound(PERIOD, code);
}

function scoreOrProblem(
  scoreFn: typeof score,
  plan: ResultSet['plan'],
  inputs: ScoringInputs,
  period: string,
): ResultSet {
  try {
    return scoreFn(plan, inputs.units, inputs.values, { period });
  } catch (e) {
    if (!(e instanceof EngineError)) throw e;
    throw problem(
      'scoring_failed',
      t(
        `评分未能完成：${e.issues.length} 个问题（见 errors）`,
        `scoring could not finish: ${e.issues.length} problem(s) (see errors)`,
      ),
      { errors: e.issues.slice(0, 100).map((i) => ({ path: i.path.join('.'), message: i.message })) },
    );
  }
}

async function insertUnitRows(
  trx: Transaction<Database>,
  province: string,
  snapshotId: string,
  rs: ResultSet,
  onBatch: ((written: number) => void) | undefined,
): Promise<void> {
  const n = rs.units.length;
  const dims = dimensionCodes(rs);
  const dimNodes = dims.map((code) => rs.nodes.findIndex((node) => node.code === code));
  const classSize = new Map(rs.classes.map((c) => [c.code, c.size]));
  let batch: NewResultUnitRow[] = [];
  let written = 0;
  for (let u = 0; u < n; u++) {
    const info = rs.units[u]!;
    const dimensions: Record<string, number> = {};
    for (let d = 0; d < dims.length; d++) {
      const at = dimNodes[d]! * n + u;
      if (rs.fullPoints[at]! > 0 || !Number.isNaN(rs.fraction[at]!)) dimensions[dims[d]!] = pointsAt(rs, at);
    }
    batch.push({
      province_code: province,
      snapshot_id: snapshotId,
      unit_code: info.code,
      unit_name: info.name,
      class_code: info.class,
      total: rs.total[u]!,
      rank: rs.rank[u]!,
      class_size: classSize.get(info.class) ?? 0,
      grade: GRADES[rs.grade[u]!]!,
      dimensions_json: JSON.stringify(dimensions),
    });
    if (batch.length === BATCH || u === n - 1) {
      await trx.insertInto('result_unit').values(batch).execute();
      written += batch.length;
      batch = [];
      onBatch?.(written);
    }
  }
}
