import type { Kysely } from 'kysely';
import { type Act, inTransaction, recordAudit } from '../app/act.js';
import { type UnitScope, unitCodesInScope } from '../auth/row-scope.js';
import type { Database } from '../db/database.js';
import { type ProblemIssue, problem } from '../http/app-error.js';
import { parseCsv, writeCsv } from '../io/csv-text.js';
import { type Charset, decodeUpload, encodeText } from '../io/decode-upload.js';
import { t } from '../localised.js';
import { rowToUnit, type Unit } from './unit.js';
import { listUnits } from './unit-repository.js';

/** The columns of the unit file, in order: Chinese headers a person fills in Excel. */
export const UNIT_COLUMNS = [
  '单位代码',
  '单位名称',
  '单位类别',
  '上级单位代码',
  '层级',
  '弹性系数',
  '停用',
] as const;

/** The scope's units (disabled ones too) as CSV in UTF-8 (with BOM, for Excel) or GBK. */
export async function exportUnits(db: Kysely<Database>, scope: UnitScope, charset: Charset): Promise<Buffer> {
  const { items } = await listUnits(db, scope, { includeDisabled: true, limit: 1_000_000, offset: 0 });
  const rows = items.map((u) => [
    u.code,
    u.name,
    u.classCode,
    u.parentCode,
    u.level,
    u.elasticity,
    u.disabled ? '是' : '',
  ]);
  return encodeText(writeCsv([[...UNIT_COLUMNS], ...rows]), charset);
}

export interface UnitImportReport {
  created: number;
  updated: number;
  unchanged: number;
}

interface Parsed {
  line: number;
  unit: Omit<Unit, 'version'>;
}

/**
 * Units from a CSV file (the export's columns), all or nothing: new codes are added, known ones updated
 * (name, class, level, elasticity, disabled). A parent may be a unit already there or one added further up
 * or down the same file; moving an existing unit to another parent is done one unit at a time, through
 * the API, where loops are checked. Every problem is reported with its row and column.
 */
export async function importUnits(
  db: Kysely<Database>,
  act: Act,
  scope: UnitScope,
  bytes: Buffer,
  charset?: Charset,
): Promise<UnitImportReport> {
  let text: string;
  try {
    text = decodeUpload(bytes, charset).text;
  } catch {
    throw problem('import_failed', t('文件不是有效的 UTF-8 文本', 'the file is not valid UTF-8 text'));
  }
  const csv = parseCsv(text);
  if (!csv.ok)
    throw problem(
      'import_failed',
      t(`第 ${csv.row} 行的引号没有闭合`, `the quote opened in row ${csv.row} is never closed`),
    );
  return inTransaction(db, async (trx) => {
    const errors: ProblemIssue[] = [];
    const issue = (row: number, column: string, zh: string, en: string) =>
      errors.push({ path: `file[${row}][${JSON.stringify(column)}]`, row, column, message: t(zh, en) });
    const header = (csv.rows[0] ?? []).map((h) => h.trim());
    const at = new Map(UNIT_COLUMNS.map((c) => [c, header.indexOf(c)]));
    for (const c of UNIT_COLUMNS.slice(0, 5))
      if (at.get(c) === -1) issue(1, c, `缺少“${c}”列`, `the column ${c} is missing`);
    if (errors.length > 0) throw importProblem(errors);

    const existing = new Map(
      (await trx.selectFrom('unit').selectAll().where('province_code', '=', act.province).execute()).map(
        (r) => [r.code, rowToUnit(r)],
      ),
    );
    const classes = new Set(
      (
        await trx.selectFrom('unit_class').select('code').where('province_code', '=', act.province).execute()
      ).map((r) => r.code),
    );
    const scoped = await unitCodesInScope(trx, scope);
    const scopedSet = scoped === 'all' ? undefined : new Set(scoped);
    const inScope = (code: string) => scopedSet === undefined || scopedSet.has(code);
    const cell = (row: string[], c: (typeof UNIT_COLUMNS)[number]) => {
      const i = at.get(c) ?? -1;
      return i === -1 ? '' : (row[i] ?? '').trim();
    };
    const parsed: Parsed[] = [];
    const seen = new Map<string, number>();
    csv.rows.slice(1).forEach((row, i) => {
      const line = i + 2;
      if (row.every((c) => c.trim() === '')) return;
      const code = cell(row, '单位代码');
      const name = cell(row, '单位名称');
      const classCode = cell(row, '单位类别');
      const parent = cell(row, '上级单位代码');
      const level = cell(row, '层级');
      const elasticityText = cell(row, '弹性系数');
      const disabledText = cell(row, '停用');
      const before = errors.length;
      if (!/^[0-9A-Za-z_-]{1,32}$/.test(code))
        issue(
          line,
          '单位代码',
          '应为 1–32 位字母、数字、下划线或连字符',
          'must be 1–32 letters, digits, _ or -',
        );
      else if (seen.has(code))
        issue(line, '单位代码', `与第 ${seen.get(code)} 行重复`, `repeats row ${seen.get(code)}`);
      seen.set(code, seen.get(code) ?? line);
      if (name === '') issue(line, '单位名称', '必填', 'is required');
      if (!classes.has(classCode))
        issue(line, '单位类别', `单位类别“${classCode}”不存在`, `unit class "${classCode}" does not exist`);
      if (level === '') issue(line, '层级', '必填', 'is required');
      const elasticity = elasticityText === '' ? null : Number(elasticityText);
      if (elasticity !== null && !(Number.isFinite(elasticity) && elasticity > 0 && elasticity <= 10))
        issue(line, '弹性系数', '应为大于 0、不超过 10 的数', 'must be a number above 0 and at most 10');
      if (!['', '是', '否', 'true', 'false', '1', '0'].includes(disabledText))
        issue(line, '停用', '应为“是”或留空', 'must be 是 (yes) or empty');
      const old = existing.get(code);
      const parentCode = parent === '' ? null : parent;
      if (old !== undefined && !inScope(code))
        issue(
          line,
          '单位代码',
          `单位“${code}”不在您的数据范围内`,
          `unit "${code}" is outside your data scope`,
        );
      if (old !== undefined && old.parentCode !== parentCode)
        issue(
          line,
          '上级单位代码',
          `不能通过导入调整上级单位（现为“${old.parentCode ?? ''}”）：请单独修改该单位`,
          `the parent cannot change by import (it is "${old.parentCode ?? ''}"): update the unit on its own`,
        );
      if (errors.length > before) return;
      parsed.push({
        line,
        unit: {
          code,
          name,
          classCode,
          parentCode,
          level,
          elasticity,
          disabled: ['是', 'true', '1'].includes(disabledText),
        },
      });
    });
    // Parents: already there and in scope, or new in this file.
    const fresh = new Set(parsed.filter((p) => !existing.has(p.unit.code)).map((p) => p.unit.code));
    for (const p of parsed) {
      const parent = p.unit.parentCode;
      if (existing.has(p.unit.code)) continue;
      if (parent === null) {
        if (scope.kind !== 'province')
          issue(
            p.line,
            '上级单位代码',
            '只有全省范围的账户可以添加顶级单位',
            'only a province-wide account may add a top-level unit',
          );
      } else if (!fresh.has(parent)) {
        if (!existing.has(parent))
          issue(
            p.line,
            '上级单位代码',
            `上级单位“${parent}”不存在`,
            `parent unit "${parent}" does not exist`,
          );
        else if (!inScope(parent))
          issue(
            p.line,
            '上级单位代码',
            `上级单位“${parent}”不在您的数据范围内`,
            `parent unit "${parent}" is outside your data scope`,
          );
      }
    }
    const order = parentsFirst(parsed.filter((p) => fresh.has(p.unit.code)));
    if (order.loop.length > 0)
      for (const p of order.loop)
        issue(p.line, '上级单位代码', '上级关系构成循环', 'the parents form a loop');
    if (errors.length > 0) throw importProblem(errors);

    let created = 0;
    let updated = 0;
    for (const p of order.sorted) {
      await trx
        .insertInto('unit')
        .values({
          province_code: act.province,
          code: p.unit.code,
          name: p.unit.name,
          class_code: p.unit.classCode,
          parent_code: p.unit.parentCode,
          level: p.unit.level,
          elasticity: p.unit.elasticity,
          disabled: p.unit.disabled ? 1 : 0,
        })
        .execute();
      created++;
    }
    for (const p of parsed) {
      const old = existing.get(p.unit.code);
      if (old === undefined || sameUnit(old, p.unit)) continue;
      await trx
        .updateTable('unit')
        .set({
          name: p.unit.name,
          class_code: p.unit.classCode,
          level: p.unit.level,
          elasticity: p.unit.elasticity,
          disabled: p.unit.disabled ? 1 : 0,
          version: old.version + 1,
        })
        .where('province_code', '=', act.province)
        .where('code', '=', p.unit.code)
        .where('version', '=', old.version)
        .execute();
      updated++;
    }
    const report = { created, updated, unchanged: parsed.length - created - updated };
    await recordAudit(trx, act, { action: 'unit.import', entity: 'unit', entityId: '*', after: report });
    return report;
  });
}

function sameUnit(a: Unit, b: Omit<Unit, 'version'>): boolean {
  return (
    a.name === b.name &&
    a.classCode === b.classCode &&
    a.level === b.level &&
    a.elasticity === b.elasticity &&
    a.disabled === b.disabled
  );
}

/** New units ordered so that a parent is inserted before its children; what cannot be ordered is a loop. */
function parentsFirst(rows: Parsed[]): { sorted: Parsed[]; loop: Parsed[] } {
  const byCode = new Map(rows.map((r) => [r.unit.code, r]));
  const placed = new Set<string>();
  const sorted: Parsed[] = [];
  let pending = rows;
  while (pending.length > 0) {
    const next = pending.filter((r) => {
      const parent = r.unit.parentCode;
      return parent === null || !byCode.has(parent) || placed.has(parent);
    });
    if (next.length === 0) return { sorted, loop: pending };
    for (const r of next) {
      placed.add(r.unit.code);
      sorted.push(r);
    }
    pending = pending.filter((r) => !placed.has(r.unit.code));
  }
  return { sorted, loop: [] };
}

function importProblem(errors: ProblemIssue[]) {
  return problem(
    'import_failed',
    t(
      `单位文件有 ${errors.length} 处错误，未写入任何数据`,
      `the unit file has ${errors.length} error(s); nothing was stored`,
    ),
    // Rows in file order, however the checks found them.
    { errors: [...errors].sort((a, b) => (a.row ?? 0) - (b.row ?? 0)) },
  );
}
