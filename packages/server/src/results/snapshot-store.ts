import { EngineError, type Plan, type ResultSet, score } from '@xiaoneng/engine';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { ResultSnapshotRow } from '../db/tables/result-snapshot.table.js';
import { notFound, problem } from '../http/app-error.js';
import { t } from '../localised.js';
import { ResultCache } from './result-cache.js';
import { SNAPSHOT } from './result-problems.js';
import { decodeInputs } from './scoring-inputs.js';

/** A snapshot without its inputs blob: what listings and checks need. */
export type SnapshotHead = Omit<ResultSnapshotRow, 'inputs_blob'>;

export const SNAPSHOT_HEAD_COLUMNS = [
  'province_code',
  'id',
  'plan_code',
  'plan_version',
  'period_code',
  'plan_hash',
  'inputs_hash',
  'hash',
  'unit_count',
  'value_count',
  'sensitivity_json',
  'status',
  'corrects_id',
  'correction_reason',
  'published_at',
  'notice_ends_at',
  'created_by',
  'created_at',
  'version',
] as const;

export async function getSnapshotHead(
  db: Kysely<Database>,
  province: string,
  id: string,
): Promise<SnapshotHead> {
  const row = await db
    .selectFrom('result_snapshot')
    .select(SNAPSHOT_HEAD_COLUMNS)
    .where('province_code', '=', province)
    .where('id', '=', id)
    .executeTakeFirst();
  if (row === undefined) throw notFound(SNAPSHOT, id);
  return row;
}

export async function loadPlanDocument(
  db: Kysely<Database>,
  province: string,
  planCode: string,
  number: number,
): Promise<{ plan: Plan; hash: string; status: string }> {
  const row = await db
    .selectFrom('plan_version')
    .select(['document', 'hash', 'status'])
    .where('province_code', '=', province)
    .where('plan_code', '=', planCode)
    .where('number', '=', number)
    .executeTakeFirst();
  if (row === undefined)
    throw problem(
      'not_found',
      t(`方案“${planCode}”没有第 ${number} 版`, `plan "${planCode}" has no version ${number}`),
    );
  return { plan: JSON.parse(row.document) as Plan, hash: row.hash, status: row.status };
}

const caches = new WeakMap<object, ResultCache>();

/** The result cache of one database (one per app; tests build several). */
export function resultCacheOf(db: Kysely<Database>): ResultCache {
  let cache = caches.get(db);
  if (cache === undefined) {
    cache = new ResultCache();
    caches.set(db, cache);
  }
  return cache;
}

export function cacheKey(province: string, id: string): string {
  return `${province}\u0000${id}`;
}

/** The full ResultSet of a snapshot: from the cache, else re-scored from its stored inputs. */
export function snapshotResultSet(
  db: Kysely<Database>,
  province: string,
  head: SnapshotHead,
): Promise<ResultSet> {
  return resultCacheOf(db).get(cacheKey(province, head.id), async () => {
    const [doc, blob] = await Promise.all([
      loadPlanDocument(db, province, head.plan_code, head.plan_version),
      db
        .selectFrom('result_snapshot')
        .select('inputs_blob')
        .where('province_code', '=', province)
        .where('id', '=', head.id)
        .executeTakeFirstOrThrow(),
    ]);
    const inputs = decodeInputs(blob.inputs_blob);
    try {
      return score(doc.plan, inputs.units, inputs.values, { period: head.period_code });
    } catch (e) {
      // The stored inputs once scored; failing now means the code changed under them. Say so plainly.
      if (e instanceof EngineError) throw new Error(`snapshot ${head.id} no longer scores: ${e.message}`);
      throw e;
    }
  });
}
