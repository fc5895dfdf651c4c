import type { Kysely } from 'kysely';
import { type UnitScope, unitCodesInScope } from '../auth/row-scope.js';
import type { Database } from '../db/database.js';
import type { SubmissionStatus } from '../db/tables/submission.table.js';

export type ProgressStatus = SubmissionStatus | 'none';

export interface UnitProgress {
  unitCode: string;
  unitName: string;
  status: ProgressStatus;
  submittedAt: string | null;
  reviewedAt: string | null;
  /** The submission's version (0 before the first save): what the next write sends. */
  version: number;
}

/**
 * 填报进度: every active unit of the scope with where its submission for a plan and period stands, including
 * the units that have not started (`none`), and the count per state.
 */
export async function submissionProgress(
  db: Kysely<Database>,
  scope: UnitScope,
  planCode: string,
  periodCode: string,
): Promise<{ counts: Record<ProgressStatus, number>; units: UnitProgress[] }> {
  const codes = await unitCodesInScope(db, scope);
  const counts: Record<ProgressStatus, number> = {
    none: 0,
    draft: 0,
    submitted: 0,
    returned: 0,
    approved: 0,
  };
  if (codes !== 'all' && codes.length === 0) return { counts, units: [] };
  let q = db
    .selectFrom('unit as u')
    .leftJoin('submission as s', (join) =>
      join
        .onRef('s.province_code', '=', 'u.province_code')
        .onRef('s.unit_code', '=', 'u.code')
        .on('s.plan_code', '=', planCode)
        .on('s.period_code', '=', periodCode),
    )
    .select([
      'u.code as unitCode',
      'u.name as unitName',
      's.status as status',
      's.submitted_at as submittedAt',
      's.reviewed_at as reviewedAt',
      's.version as version',
    ])
    .where('u.province_code', '=', scope.province)
    .where('u.disabled', '=', 0);
  if (codes !== 'all') q = q.where('u.code', 'in', codes);
  const rows = await q.orderBy('u.code').execute();
  const units = rows.map((r): UnitProgress => {
    const status: ProgressStatus = r.status ?? 'none';
    counts[status]++;
    return {
      unitCode: r.unitCode,
      unitName: r.unitName,
      status,
      submittedAt: r.submittedAt ?? null,
      reviewedAt: r.reviewedAt ?? null,
      version: r.version === null ? 0 : Number(r.version),
    };
  });
  return { counts, units };
}
