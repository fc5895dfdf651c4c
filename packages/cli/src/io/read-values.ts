import {
  type LocalisedText,
  type Plan,
  parsePeriod,
  SOURCE_INDEX,
  SOURCES,
  type Unit,
  type ValueTable,
  ValueTableBuilder,
} from '@xiaoneng/engine';
import { t } from '../localised.js';
import { CodeTable } from './code-table.js';
import type { Encoding } from './decode-text.js';
import type { InputProblems } from './input-problems.js';
import { decimalAt, fastNumber, parseNumberText } from './parse-number.js';
import { readTable } from './read-table.js';
import { type ColumnSpec, mapColumns } from './table-columns.js';

type ValueColumn = 'unit' | 'element' | 'period' | 'source' | 'value';

export const VALUE_COLUMNS: readonly ColumnSpec<ValueColumn>[] = [
  { key: 'unit', names: ['unit', '单位代码', '单位'], required: true },
  { key: 'element', names: ['element', '数据元', '数据元代码'], required: true },
  { key: 'period', names: ['period', '周期', '考核周期'], required: true },
  { key: 'source', names: ['source', '来源', '数据来源'], required: true },
  { key: 'value', names: ['value', '数值', '值'], required: true },
];

/** Source names people write in Chinese files, besides the code names. */
const SOURCE_ALIASES: Record<string, number> = {
  自评: SOURCE_INDEX.self,
  单位自评: SOURCE_INDEX.self,
  第三方: SOURCE_INDEX.thirdParty,
  第三方评估: SOURCE_INDEX.thirdParty,
  实地核查: SOURCE_INDEX.inspection,
  核查: SOURCE_INDEX.inspection,
  群众评议: SOURCE_INDEX.survey,
  问卷: SOURCE_INDEX.survey,
  问卷调查: SOURCE_INDEX.survey,
};

export interface ReadValues {
  table: ValueTable;
  /** Data rows read (excluding the header and blank lines). */
  rows: number;
  /** Rows whose value cell was empty: no value, the same as a missing row. */
  empty: number;
}

export interface ReadValuesOptions {
  encoding?: Encoding;
  /** Told the number of lines before rows arrive (see ReadTableOptions.onSize). */
  onSize?: (lines: number) => void;
  /** Called every 65,536 rows with the number of rows read, for a progress bar. */
  onProgress?: (rows: number) => void;
}

/** An unknown code is reported once, at its first row, with how many rows carry it. */
interface Unknown {
  row: number;
  column: string;
  count: number;
  message: LocalisedText;
}

/**
 * Reads the values file (unit, element, period, source, value) straight into a ValueTable. Codes are
 * interned once (units in units-file order, so unit id = unit index) and rows go in by id: at province
 * scale (millions of rows) this is where the time goes.
 */
export async function readValues(
  path: string,
  plan: Plan,
  units: readonly Unit[],
  options: ReadValuesOptions,
  problems: InputProblems,
): Promise<ReadValues> {
  const builder = new ValueTableBuilder(1 << 16);
  const unitIds = new Map<string, number>();
  for (const u of units) unitIds.set(u.code, builder.unitId(u.code));
  const elementIds = new Map<string, number>();
  const computed = new Set<string>();
  for (const e of plan.elements) {
    if (e.formula !== undefined) computed.add(e.code);
    else elementIds.set(e.code, builder.elementId(e.code));
  }
  const periodIds = new Map<string, number>();
  const sourceIds = new Map<string, number>();
  for (const s of SOURCES) {
    sourceIds.set(s, SOURCE_INDEX[s]);
    sourceIds.set(s.toLowerCase(), SOURCE_INDEX[s]);
  }
  for (const [k, v] of Object.entries(SOURCE_ALIASES)) sourceIds.set(k, v);

  const unknown = new Map<string, Unknown>();
  const noteUnknown = (key: string, row: number, column: string, message: () => LocalisedText) => {
    const u = unknown.get(key);
    if (u) u.count++;
    else unknown.set(key, { row, column, count: 1, message: message() });
  };
  let rowNumbers = new Int32Array(1 << 16);
  let n = 0;
  let rows = 0;
  let empty = 0;
  const onProgress = options.onProgress;

  await readTable(path, options, problems, (header) => {
    const col = mapColumns(path, header, VALUE_COLUMNS, problems);
    if (!col) return undefined;
    const cu = col.unit;
    const ce = col.element;
    const cp = col.period;
    const cs = col.source;
    const cv = col.value;
    const name = (k: ValueColumn) => header[col[k]]!;
    const unitTable = new CodeTable(unitIds);
    const elementTable = new CodeTable(elementIds);
    const sourceTable = new CodeTable(sourceIds);
    /** Exact span first, then the trimmed text (spaces around codes are common in hand-made files). */
    const find = (table: CodeTable, map: Map<string, number>, src: string, a: number, b: number): number => {
      const id = table.get(src, a, b);
      return id >= 0 ? id : (map.get(src.slice(a, b).trim()) ?? -1);
    };
    // Files list a unit's values together and mostly one period, so the last unit and period are compared
    // in place first.
    let lastUnit = '';
    let lastUnitId = -1;
    let lastPeriod = '';
    let lastPeriodId = -1;
    return (r) => {
      const src = r.src;
      const st = r.start;
      const en = r.end;
      const row = r.row;
      rows++;
      if (onProgress !== undefined && (rows & 0xffff) === 0) onProgress(rows);
      let bad = false;

      let a = st[cu]!;
      let b = en[cu]!;
      let u = lastUnitId;
      if (u < 0 || b - a !== lastUnit.length || !src.startsWith(lastUnit, a)) {
        u = find(unitTable, unitIds, src, a, b);
        if (u < 0) {
          bad = true;
          const code = src.slice(a, b).trim();
          noteUnknown(`u:${code}`, row, name('unit'), () =>
            code === ''
              ? t('单位代码为空', 'the unit code is empty')
              : t(`单位 ${code} 不在单位文件中`, `unit ${code} is not in the units file`),
          );
        } else {
          lastUnitId = u;
          lastUnit = src.slice(a, b);
        }
      }

      a = st[ce]!;
      b = en[ce]!;
      const e = find(elementTable, elementIds, src, a, b);
      if (e < 0) {
        bad = true;
        const code = src.slice(a, b).trim();
        noteUnknown(`e:${code}`, row, name('element'), () =>
          computed.has(code)
            ? t(
                `数据元 ${code} 是计算数据元，由公式算出，不能填报`,
                `element ${code} is computed by a formula and cannot be reported`,
              )
            : code === ''
              ? t('数据元代码为空', 'the element code is empty')
              : t(`方案中没有数据元 ${code}`, `the plan has no data element ${code}`),
        );
      }

      a = st[cp]!;
      b = en[cp]!;
      let p = lastPeriodId;
      if (p < 0 || b - a !== lastPeriod.length || !src.startsWith(lastPeriod, a)) {
        const ps = src.slice(a, b);
        let id = periodIds.get(ps);
        if (id === undefined) {
          const code = ps.trim().toUpperCase();
          id = parsePeriod(code) ? builder.periodId(code) : -1;
          periodIds.set(ps, id);
        }
        p = id;
        if (id < 0) {
          bad = true;
          noteUnknown(`p:${ps}`, row, name('period'), () =>
            t(
              `考核周期“${ps}”格式不正确，应为 2026、2026H1、2026Q1 或 2026M03`,
              `period "${ps}" is not valid; use 2026, 2026H1, 2026Q1 or 2026M03`,
            ),
          );
        } else {
          lastPeriodId = id;
          lastPeriod = ps;
        }
      }

      a = st[cs]!;
      b = en[cs]!;
      let s = sourceTable.get(src, a, b);
      if (s < 0) s = sourceIds.get(src.slice(a, b).trim().toLowerCase()) ?? -1;
      if (s < 0) {
        bad = true;
        const ss = src.slice(a, b);
        noteUnknown(`s:${ss}`, row, name('source'), () =>
          t(
            `数据来源“${ss}”无效，应为 self（自评）、thirdParty（第三方评估）、inspection（实地核查）或 survey（群众评议）`,
            `source "${ss}" is not valid; use self, thirdParty, inspection or survey`,
          ),
        );
      }

      a = st[cv]!;
      b = en[cv]!;
      let v = decimalAt(src, a, b);
      if (Number.isNaN(v)) {
        const vs = src.slice(a, b);
        v = fastNumber(vs);
        if (Number.isNaN(v)) {
          if (vs.trim() === '') {
            empty++;
            return;
          }
          const parsed = parseNumberText(vs);
          if (parsed.ok) v = parsed.value;
          else {
            problems.add(path, row, name('value'), parsed.reason);
            return;
          }
        }
      }
      if (bad) return;
      builder.addIds(u, e, p, s, v);
      if (n === rowNumbers.length) {
        const grown = new Int32Array(n * 2);
        grown.set(rowNumbers);
        rowNumbers = grown;
      }
      rowNumbers[n++] = row;
    };
  });
  const byRow = [...unknown.values()].sort((a, b) => a.row - b.row);
  for (const u of byRow) {
    const message =
      u.count > 1
        ? t(
            `${u.message['zh-CN']}（另有 ${u.count - 1} 行相同）`,
            `${u.message.en} (and on ${u.count - 1} more row${u.count === 2 ? '' : 's'})`,
          )
        : u.message;
    problems.add(path, u.row, u.column, message);
  }
  const table = builder.build();
  reportDuplicates(path, table, rowNumbers, problems);
  return { table, rows, empty };
}

/**
 * The same unit × element × period × source twice is ambiguous (which one counts?), so it is an error
 * naming both rows. Keys are dense numbers; a bitmap finds repeats in one pass when it fits in 32 MB
 * (the usual case), otherwise a sort does.
 */
function reportDuplicates(
  path: string,
  table: ValueTable,
  rowNumbers: Int32Array,
  problems: InputProblems,
): void {
  const n = table.length;
  const nE = Math.max(1, table.elementCodes.length);
  const nP = Math.max(1, table.periodCodes.length);
  const nS = SOURCES.length;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++)
    keys[i] = ((table.unit[i]! * nE + table.element[i]!) * nP + table.period[i]!) * nS + table.source[i]!;
  const dup = new Set<number>();
  const space = Math.max(1, table.unitCodes.length) * nE * nP * nS;
  if (space <= 2 ** 28) {
    const seen = new Uint8Array(Math.ceil(space / 8));
    for (let i = 0; i < n; i++) {
      const k = keys[i]!;
      const byte = k >>> 3;
      const bit = 1 << (k & 7);
      if (seen[byte]! & bit) dup.add(k);
      else seen[byte]! |= bit;
    }
  } else {
    const sorted = keys.slice().sort();
    for (let i = 1; i < n; i++) if (sorted[i] === sorted[i - 1]) dup.add(sorted[i]!);
  }
  if (dup.size === 0) return;
  const firstRow = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const k = keys[i]!;
    if (!dup.has(k)) continue;
    const first = firstRow.get(k);
    if (first === undefined) {
      firstRow.set(k, rowNumbers[i]!);
      continue;
    }
    const unit = table.unitCodes[table.unit[i]!];
    const element = table.elementCodes[table.element[i]!];
    const period = table.periodCodes[table.period[i]!];
    const source = SOURCES[table.source[i]!];
    problems.add(
      path,
      rowNumbers[i],
      undefined,
      t(
        `重复的数值：单位 ${unit}、数据元 ${element}、周期 ${period}、来源 ${source} 在第 ${first} 行已有值`,
        `duplicate value: unit ${unit}, element ${element}, period ${period}, source ${source} already has a value on row ${first}`,
      ),
    );
  }
}
