import { createHash } from 'node:crypto';
import type { DataElement, Source } from '@xiaoneng/engine';
import type { Kysely, Transaction } from 'kysely';
import { type Act, inTransaction, recordAudit } from '../app/act.js';
import type { Principal } from '../auth/principal.js';
import { unitCodesInScope, unitScopeOf } from '../auth/row-scope.js';
import type { Database } from '../db/database.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import { type ProblemIssue, problem } from '../http/app-error.js';
import type { Charset } from '../io/decode-upload.js';
import { t } from '../localised.js';
import { requireOpenPeriod } from '../periods/period-service.js';
import { publishedPlan } from '../plans/plan-repository.js';
import { elementOfHeader, parseCell, UNIT_CODE_HEADER, UNIT_NAME_HEADER } from './import-columns.js';
import { readImportTable } from './read-import-table.js';

export interface ImportRequest {
  planCode: string;
  periodCode: string;
  source: Source;
  charset?: Charset;
  version?: number;
}

export interface ImportReport {
  format: 'csv' | 'xlsx';
  charset: Charset | null;
  planVersion: number;
  units: number;
  values: number;
  /** SHA-256 of the uploaded file, as the audit log records it. */
  fileHash: string;
}

interface Cell {
  unit: string;
  element: string;
  value: number;
}

const CHUNK = 500;

/**
 * A whole period's values from a template file, all or nothing: every row and cell is checked first and
 * every problem reported with its row and column; only a clean file is written, in one transaction.
 * Self-reported values land in their units' submissions, which go to review (submitted); a unit whose
 * submission is already submitted or approved is a row error (return it first). Empty cells change nothing.
 */
export async function importValues(
  db: Kysely<Database>,
  act: Act,
  principal: Principal,
  bytes: Buffer,
  request: ImportRequest,
): Promise<ImportReport> {
  const table = await readImportTable(bytes, request.charset);
  return inTransaction(db, async (trx) => {
    await requireOpenPeriod(trx, act.province, request.periodCode, act.at);
    const { number, plan } = await publishedPlan(trx, act.province, request.planCode, request.version);
    const errors: ProblemIssue[] = [];
    const issue = (row: number, column: string, zh: string, en: string) =>
      errors.push({ path: `file[${row}][${JSON.stringify(column)}]`, row, column, message: t(zh, en) });

    const header = table.rows[0] ?? [];
    const columns: (DataElement | 'unit' | 'skip')[] = [];
    const seenElements = new Set<string>();
    for (const raw of header) {
      const h = raw.trim();
      if (h === UNIT_CODE_HEADER || h === 'unitCode') {
        columns.push('unit');
        continue;
      }
      if (h === UNIT_NAME_HEADER || h === 'unitName' || h === '') {
        columns.push('skip');
        continue;
      }
      const el = elementOfHeader(plan, h);
      if (el === undefined)
        issue(
          1,
          raw,
          `方案第 ${number} 版中没有这一数据元`,
          `version ${number} of the plan has no such data element`,
        );
      else if (el.formula !== undefined)
        issue(1, raw, '计算数据元由公式得出，不能导入', 'computed elements cannot be imported');
      else if (seenElements.has(el.code)) issue(1, raw, '数据元列重复', 'the element appears in two columns');
      else seenElements.add(el.code);
      columns.push(el === undefined || el.formula !== undefined ? 'skip' : el);
    }
    const unitColumn = columns.indexOf('unit');
    if (unitColumn === -1)
      issue(1, UNIT_CODE_HEADER, '缺少“单位代码”列', 'the 单位代码 (unit code) column is missing');
    if (errors.length > 0) throw importProblem(errors);

    const units = new Map(
      (
        await trx
          .selectFrom('unit')
          .select(['code', 'disabled'])
          .where('province_code', '=', act.province)
          .execute()
      ).map((u) => [u.code, Number(u.disabled) === 1]),
    );
    const scope = await unitCodesInScope(trx, unitScopeOf(principal));
    const inScope = scope === 'all' ? undefined : new Set(scope);
    const blocked =
      request.source === 'self'
        ? await lockedSubmissions(trx, act.province, request)
        : new Map<string, string>();
    const cells: Cell[] = [];
    const seenUnits = new Map<string, number>();
    const unitHeader = header[unitColumn] ?? UNIT_CODE_HEADER;
    for (let r = 1; r < table.rows.length; r++) {
      const row = table.rows[r] ?? [];
      const line = r + 1;
      if (row.every((c) => c.trim() === '')) continue;
      const code = (row[unitColumn] ?? '').trim();
      if (code === '') {
        issue(line, unitHeader, '缺少单位代码', 'the unit code is missing');
        continue;
      }
      const disabled = units.get(code);
      if (disabled === undefined)
        issue(line, unitHeader, `单位“${code}”不存在`, `unit "${code}" does not exist`);
      else if (inScope !== undefined && !inScope.has(code))
        issue(
          line,
          unitHeader,
          `单位“${code}”不在您的数据范围内`,
          `unit "${code}" is outside your data scope`,
        );
      else if (disabled) issue(line, unitHeader, `单位“${code}”已停用`, `unit "${code}" is disabled`);
      else if (seenUnits.has(code))
        issue(
          line,
          unitHeader,
          `单位“${code}”与第 ${seenUnits.get(code)} 行重复`,
          `unit "${code}" repeats row ${seenUnits.get(code)}`,
        );
      else if (blocked.has(code))
        issue(
          line,
          unitHeader,
          `单位“${code}”的填报已${blocked.get(code) === 'approved' ? '通过' : '提交'}：请先退回`,
          `the submission of unit "${code}" is already ${blocked.get(code)}: return it first`,
        );
      seenUnits.set(code, seenUnits.get(code) ?? line);
      columns.forEach((col, c) => {
        if (typeof col === 'string') return;
        const value = parseCell(row[c] ?? '');
        if (value === 'invalid')
          issue(line, header[c] ?? '', `“${row[c]}”不是数字`, `"${row[c]}" is not a number`);
        else if (value !== undefined) cells.push({ unit: code, element: col.code, value });
      });
      if (row.length > header.length && row.slice(header.length).some((c) => c.trim() !== ''))
        issue(line, `#${header.length + 1}`, '数据超出表头的列', 'data beyond the last header column');
    }
    if (errors.length > 0) throw importProblem(errors);

    for (let i = 0; i < cells.length; i += CHUNK)
      await writeChunk(trx, act, request, cells.slice(i, i + CHUNK));
    const touched = [...new Set(cells.map((c) => c.unit))];
    if (request.source === 'self')
      try {
        await submitUnits(trx, act, request, number, touched);
      } catch (err) {
        // A reporter's first save (or another import) created one of these submissions meanwhile.
        if (isUniqueViolation(err))
          throw problem(
            'version_conflict',
            t(
              '导入期间有单位同时开始了填报：请重试导入',
              'a unit started its submission while the import ran: retry the import',
            ),
          );
        throw err;
      }
    const report: ImportReport = {
      format: table.format,
      charset: table.charset ?? null,
      planVersion: number,
      units: touched.length,
      values: cells.length,
      fileHash: createHash('sha256').update(bytes).digest('hex'),
    };
    await recordAudit(trx, act, {
      action: 'values.import',
      entity: 'data_value',
      entityId: `${request.planCode}/${request.periodCode}/${request.source}`,
      after: report,
    });
    return report;
  });
}

function importProblem(errors: ProblemIssue[]) {
  return problem(
    'import_failed',
    t(
      `导入文件有 ${errors.length} 处错误，未写入任何数据`,
      `the file has ${errors.length} error(s); nothing was stored`,
    ),
    { errors },
  );
}

async function lockedSubmissions(
  trx: Transaction<Database>,
  province: string,
  request: ImportRequest,
): Promise<Map<string, string>> {
  const rows = await trx
    .selectFrom('submission')
    .select(['unit_code', 'status'])
    .where('province_code', '=', province)
    .where('plan_code', '=', request.planCode)
    .where('period_code', '=', request.periodCode)
    .where('status', 'in', ['submitted', 'approved'])
    .execute();
  return new Map(rows.map((r) => [r.unit_code, r.status]));
}

async function writeChunk(
  trx: Transaction<Database>,
  act: Act,
  request: ImportRequest,
  cells: readonly Cell[],
): Promise<void> {
  await trx
    .insertInto('data_value')
    .values(
      cells.map((c) => ({
        province_code: act.province,
        plan_code: request.planCode,
        period_code: request.periodCode,
        unit_code: c.unit,
        element_code: c.element,
        source: request.source,
        value: c.value,
        evidence_hash: null,
        entered_by: act.actor,
        entered_at: act.at,
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(['province_code', 'plan_code', 'period_code', 'unit_code', 'element_code', 'source'])
        .doUpdateSet((eb) => ({
          value: eb.ref('excluded.value'),
          entered_by: eb.ref('excluded.entered_by'),
          entered_at: eb.ref('excluded.entered_at'),
          version: eb(eb.ref('data_value.version'), '+', 1),
        })),
    )
    .execute();
}

/** The imported units' submissions go to review: created as submitted, or moved there from draft/returned. */
async function submitUnits(
  trx: Transaction<Database>,
  act: Act,
  request: ImportRequest,
  planVersion: number,
  units: readonly string[],
): Promise<void> {
  const existing = new Set(
    (
      await trx
        .selectFrom('submission')
        .select('unit_code')
        .where('province_code', '=', act.province)
        .where('plan_code', '=', request.planCode)
        .where('period_code', '=', request.periodCode)
        .execute()
    ).map((r) => r.unit_code),
  );
  const fresh = units.filter((u) => !existing.has(u));
  const old = units.filter((u) => existing.has(u));
  for (let i = 0; i < fresh.length; i += CHUNK)
    await trx
      .insertInto('submission')
      .values(
        fresh.slice(i, i + CHUNK).map((u) => ({
          province_code: act.province,
          plan_code: request.planCode,
          period_code: request.periodCode,
          unit_code: u,
          plan_version: planVersion,
          status: 'submitted' as const,
          submitted_by: act.actor,
          submitted_at: act.at,
          created_at: act.at,
        })),
      )
      .execute();
  for (let i = 0; i < old.length; i += CHUNK)
    await trx
      .updateTable('submission')
      .set((eb) => ({
        status: 'submitted',
        submitted_by: act.actor,
        submitted_at: act.at,
        version: eb(eb.ref('version'), '+', 1),
      }))
      .where('province_code', '=', act.province)
      .where('plan_code', '=', request.planCode)
      .where('period_code', '=', request.periodCode)
      .where('unit_code', 'in', old.slice(i, i + CHUNK))
      .execute();
}
