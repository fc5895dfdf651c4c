import type { PlanVersionRow } from '../db/tables/plan-version.table.js';
import { problem, versionConflict } from '../http/app-error.js';
import { t } from '../localised.js';
import { PLAN_VERSION_LABEL } from './plan-version.js';

/** Only a draft changes; a published version is frozen for good. Checks the writer's version too. */
export function requireEditableDraft(row: PlanVersionRow, seen: number): void {
  if (row.status !== 'draft')
    throw problem(
      'plan_state',
      t(
        `方案“${row.plan_code}”第 ${row.number} 版已发布，不能修改：请新建调整版本`,
        `plan "${row.plan_code}" version ${row.number} is published and cannot change: start a new version`,
      ),
    );
  if (Number(row.version) !== seen) throw versionConflict(PLAN_VERSION_LABEL, seen, Number(row.version));
}
