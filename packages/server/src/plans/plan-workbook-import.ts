import { type LocalisedText, pathToString, validatePlan } from '@xiaoneng/engine';
import ExcelJS from 'exceljs';
import { type ProblemIssue, problem } from '../http/app-error.js';
import { t } from '../localised.js';
import {
  ADJUSTMENT_SHEET,
  ADJUSTMENT_TYPES,
  ALIASES,
  CLASS_SHEET,
  CLASS_WEIGHT_SHEET,
  type ColumnSpec,
  ELEMENT_SHEET,
  GRADING_SHEET,
  headerOf,
  PLAN_SETTINGS,
  PLAN_SHEET,
  SHEETS,
  type SheetSpec,
  TREE_SHEET,
} from './plan-workbook-layout.js';

type Obj = Record<string, unknown>;
type Path = (string | number)[];

/** Where a value of the document came from: sheet, 1-based row (header = 1) and column. */
interface Loc {
  sheet: string;
  row: number;
  column?: ColumnSpec;
  index?: number;
}

/** One data row of a sheet: its row number and its cells by column key, as text. */
interface SheetRow {
  row: number;
  cells: Map<string, { text: string; raw: ExcelJS.CellValue; index: number }>;
}

const REQUIRED_SHEETS = new Set([PLAN_SHEET, TREE_SHEET, ELEMENT_SHEET, CLASS_SHEET, GRADING_SHEET]);

function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('richText' in v)
      return v.richText
        .map((p) => p.text)
        .join('')
        .trim();
    if ('text' in v) return String(v.text).trim();
  }
  return String(v);
}

/**
 * Reads a plan workbook (the layout of plan-workbook-layout.ts) back into a plan document, all or nothing:
 * every cell that cannot be read and every problem the engine finds in the document is reported with its
 * sheet, row and column, and nothing comes back unless the document is valid. `id` and `version` are left
 * for the caller (the server sets them).
 */
export async function readPlanWorkbook(bytes: Buffer, planCode: string, number: number): Promise<Obj> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw invalid([], t('文件不是有效的 XLSX 工作簿', 'the file is not a valid XLSX workbook'));
  }
  const r = new WorkbookReader(book);
  const doc = r.document();
  if (r.errors.length > 0) throw invalid(inSheetOrder(r.errors));
  const result = validatePlan({ ...doc, id: planCode, version: number });
  const errors = result.issues.filter((i) => i.severity === 'error').map((i) => r.issueAt(i.path, i.message));
  if (errors.length > 0) throw invalid(inSheetOrder(errors));
  return doc;
}

/** Errors as a person reads the workbook: sheet by sheet, row by row, left to right. */
function inSheetOrder(errors: ProblemIssue[]): ProblemIssue[] {
  const key = (e: ProblemIssue) => {
    const [sheet = '', cell = ''] = e.path.split('!');
    const letters = /^[A-Z]+/.exec(cell)?.[0] ?? '';
    const column = [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    return [SHEETS.findIndex((s) => s.name === sheet), e.row ?? 0, column] as const;
  };
  return errors
    .map((e) => ({ e, k: key(e) }))
    .sort((a, b) => a.k[0] - b.k[0] || a.k[1] - b.k[1] || a.k[2] - b.k[2])
    .map((x) => x.e);
}

function invalid(errors: ProblemIssue[], text?: LocalisedText) {
  return problem(
    'plan_workbook_invalid',
    text ??
      t(
        `方案工作簿有 ${errors.length} 处错误，未作任何修改`,
        `the plan workbook has ${errors.length} error(s); nothing was changed`,
      ),
    { errors },
  );
}

class WorkbookReader {
  readonly errors: ProblemIssue[] = [];
  /** Document path (as text) → where it was read from, for the engine's issues. */
  private readonly locs = new Map<string, Loc>();

  constructor(private readonly book: ExcelJS.Workbook) {}

  private error(loc: Loc, zh: string, en: string): void {
    this.errors.push(this.issue(loc, t(zh, en)));
  }

  private issue(loc: Loc, message: LocalisedText): ProblemIssue {
    // Excel's own notation: a cell (指标体系!E5), a row (指标体系!5:5), or the sheet itself.
    if (loc.row === 0) return { path: loc.sheet, message };
    const at = loc.index === undefined ? `${loc.row}:${loc.row}` : `${columnLetter(loc.index)}${loc.row}`;
    return {
      path: `${loc.sheet}!${at}`,
      row: loc.row,
      ...(loc.column === undefined ? {} : { column: headerOf(loc.column) }),
      message,
    };
  }

  /** The engine's issue at `path`, placed at the cell the longest known prefix of the path came from. */
  issueAt(path: Path, message: LocalisedText): ProblemIssue {
    for (let n = path.length; n > 0; n--) {
      const loc = this.locs.get(pathToString(path.slice(0, n)));
      if (loc !== undefined) return this.issue(loc, message);
    }
    return { path: PLAN_SHEET.name, message };
  }

  private at(path: Path, loc: Loc): void {
    this.locs.set(pathToString(path), loc);
  }

  private rows(spec: SheetSpec): SheetRow[] | undefined {
    const sheet = this.book.getWorksheet(spec.name);
    if (sheet === undefined) {
      if (REQUIRED_SHEETS.has(spec))
        this.error(
          { sheet: spec.name, row: 0 },
          `缺少工作表“${spec.name}”`,
          `the sheet "${spec.name}" (${spec.label.en}) is missing`,
        );
      return undefined;
    }
    const header = sheet.getRow(1);
    const byIndex: (ColumnSpec | undefined)[] = [];
    const seen = new Set<string>();
    for (let c = 1; c <= sheet.columnCount; c++) {
      const text = cellText(header.getCell(c).value);
      if (text === '') continue;
      const found = spec.columns.find((col) => matches(col, text));
      const loc = { sheet: spec.name, row: 1, index: c - 1 };
      if (found === undefined)
        this.error(
          loc,
          `未知的列“${text}”；可用的列：${spec.columns.map((x) => x.zh).join('、')}`,
          `unknown column "${text}"; the columns are ${spec.columns.map((x) => x.en).join(', ')}`,
        );
      else if (seen.has(found.key)) this.error(loc, `列“${text}”重复`, `the column "${text}" appears twice`);
      else {
        seen.add(found.key);
        byIndex[c - 1] = found;
      }
    }
    for (const col of spec.columns)
      if (col.required && !seen.has(col.key))
        this.error(
          { sheet: spec.name, row: 1, column: col },
          `缺少“${col.zh}”列`,
          `the column "${headerOf(col)}" is missing`,
        );
    const out: SheetRow[] = [];
    for (let r = 2; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const cells: SheetRow['cells'] = new Map();
      for (let c = 1; c <= Math.max(sheet.columnCount, row.cellCount); c++) {
        const raw = row.getCell(c).value;
        const text = cellText(raw);
        if (text === '') continue;
        const col = byIndex[c - 1];
        if (col === undefined) {
          if (c > sheet.columnCount || cellText(header.getCell(c).value) === '')
            this.error(
              { sheet: spec.name, row: r, index: c - 1 },
              '数据超出表头的列',
              'data beyond the header columns',
            );
          continue;
        }
        cells.set(col.key, { text, raw, index: c - 1 });
      }
      if (cells.size > 0) out.push({ row: r, cells });
    }
    return out;
  }

  /**
   * The value of `key` in a row, converted to its column's kind; undefined when the cell is blank or
   * cannot be read (reported). Registers where the value came from under `path`.
   */
  private value(
    spec: SheetSpec,
    row: SheetRow,
    key: string,
    path?: Path,
    kind?: ColumnSpec['kind'],
  ): unknown {
    const col = spec.columns.find((c) => c.key === key)!;
    const cell = row.cells.get(key);
    const loc: Loc = { sheet: spec.name, row: row.row, column: col, ...(cell ? { index: cell.index } : {}) };
    if (path !== undefined) this.at(path, loc);
    if (cell === undefined) {
      if (col.required) this.error(loc, `“${col.zh}”不能为空`, `"${col.en}" must not be empty`);
      return undefined;
    }
    const text = cell.text;
    switch (kind ?? col.kind) {
      case 'text':
        return text;
      case 'number': {
        const n = typeof cell.raw === 'number' ? cell.raw : Number(text.replace(/[,，]/g, ''));
        if (!Number.isFinite(n) || text === '') {
          this.error(loc, `“${text}”不是数字`, `"${text}" is not a number`);
          return undefined;
        }
        return n;
      }
      case 'boolean': {
        const v = booleanOf(text);
        if (v === undefined)
          this.error(loc, `“${text}”应为 是/否（TRUE/FALSE）`, `"${text}" should be TRUE or FALSE`);
        return v;
      }
      case 'json':
        try {
          return JSON.parse(text);
        } catch {
          this.error(loc, `“${text}”不是有效的 JSON`, `"${text}" is not valid JSON`);
          return undefined;
        }
      case 'list':
        return text
          .split(key === 'dataSources' ? /[;；]/ : /[,，、;；]/)
          .map((s) => s.trim())
          .filter((s) => s !== '');
    }
  }

  /** Sets `obj[key]` from the row when the cell is not blank. */
  private put(obj: Obj, spec: SheetSpec, row: SheetRow, key: string, path: Path, as = key): void {
    const v = this.value(spec, row, key, [...path, as]);
    if (v !== undefined) obj[as] = aliasOf(as, v);
  }

  document(): Obj {
    const doc: Obj = {};
    this.settings(doc);
    doc.elements = this.elements();
    const classes = this.classes();
    doc.tree = this.trees(classes);
    doc.classes = classes.map((c) => c.obj);
    this.adjustments(doc);
    this.grading(doc);
    return doc;
  }

  private settings(doc: Obj): void {
    const rows = this.rows(PLAN_SHEET) ?? [];
    const seen = new Map<string, number>();
    for (const row of rows) {
      const key = this.value(PLAN_SHEET, row, 'key');
      if (typeof key !== 'string') continue;
      const spec = PLAN_SETTINGS.find((s) => s.key === key);
      const keyLoc: Loc = {
        sheet: PLAN_SHEET.name,
        row: row.row,
        column: PLAN_SHEET.columns[0]!,
        index: row.cells.get('key')!.index,
      };
      if (spec === undefined) {
        this.error(
          keyLoc,
          `未知的字段“${key}”；可用的字段：${PLAN_SETTINGS.map((s) => s.key).join('、')}`,
          `unknown field "${key}"; the fields are ${PLAN_SETTINGS.map((s) => s.key).join(', ')}`,
        );
        continue;
      }
      if (seen.has(key)) {
        this.error(
          keyLoc,
          `字段“${key}”重复（第 ${seen.get(key)} 行）`,
          `"${key}" repeats row ${seen.get(key)}`,
        );
        continue;
      }
      seen.set(key, row.row);
      const path = key.split('.');
      const v = this.value(PLAN_SHEET, row, 'value', path, spec.kind);
      if (v === undefined) continue;
      if (path.length === 1) doc[key] = v;
      else {
        const [outer, inner] = path as [string, string];
        doc[outer] = { ...((doc[outer] as Obj | undefined) ?? {}), [inner]: v };
        this.at([outer], this.locs.get(pathToString(path))!);
      }
    }
  }

  private elements(): Obj[] {
    return (this.rows(ELEMENT_SHEET) ?? []).map((row, i) => {
      const el: Obj = {};
      const path = ['elements', i];
      this.at(path, { sheet: ELEMENT_SHEET.name, row: row.row });
      for (const c of ELEMENT_SHEET.columns) this.put(el, ELEMENT_SHEET, row, c.key, path);
      return el;
    });
  }

  private classes(): { code: string | undefined; obj: Obj; row: SheetRow; index: number }[] {
    const out = (this.rows(CLASS_SHEET) ?? []).map((row, i) => {
      const obj: Obj = {};
      const path = ['classes', i];
      this.at(path, { sheet: CLASS_SHEET.name, row: row.row });
      for (const c of CLASS_SHEET.columns) this.put(obj, CLASS_SHEET, row, c.key, path);
      return { code: typeof obj.code === 'string' ? obj.code : undefined, obj, row, index: i };
    });
    for (const row of this.rows(CLASS_WEIGHT_SHEET) ?? []) {
      const cls = this.value(CLASS_WEIGHT_SHEET, row, 'class');
      const node = this.value(CLASS_WEIGHT_SHEET, row, 'node');
      const owner = out.find((c) => c.code === cls);
      if (typeof cls === 'string' && owner === undefined) {
        this.error(
          { sheet: CLASS_WEIGHT_SHEET.name, row: row.row, column: CLASS_WEIGHT_SHEET.columns[0]! },
          `类别“${cls}”不在“${CLASS_SHEET.name}”表中`,
          `class "${cls}" is not on the sheet "${CLASS_SHEET.name}"`,
        );
        continue;
      }
      if (owner === undefined || typeof node !== 'string') continue;
      const weights = (owner.obj.weights as Obj | undefined) ?? {};
      if (Object.hasOwn(weights, node)) {
        this.error(
          { sheet: CLASS_WEIGHT_SHEET.name, row: row.row, column: CLASS_WEIGHT_SHEET.columns[1]! },
          `类别“${cls}”的节点“${node}”权重重复`,
          `class "${cls}" gives node "${node}" a weight twice`,
        );
        continue;
      }
      const w = this.value(CLASS_WEIGHT_SHEET, row, 'weight', ['classes', owner.index, 'weights', node]);
      if (w !== undefined) {
        weights[node] = w;
        owner.obj.weights = weights;
        this.at(['classes', owner.index, 'weights'], {
          sheet: CLASS_WEIGHT_SHEET.name,
          row: row.row,
          column: CLASS_WEIGHT_SHEET.columns[1]!,
        });
      }
    }
    return out;
  }

  /** The plan's tree; class trees go into their class objects. */
  private trees(classes: { code: string | undefined; obj: Obj; index: number }[]): Obj[] {
    interface Built {
      obj: Obj;
      row: SheetRow;
      children: Built[];
    }
    const roots = new Map<string, Built[]>([['', []]]);
    const known = new Map<string, Map<string, Built>>([['', new Map()]]);
    for (const row of this.rows(TREE_SHEET) ?? []) {
      // Read as text here; the cells are converted (and blanks reported) once, when the tree is built.
      const owner = row.cells.get('tree')?.text ?? '';
      const loc = (key: string): Loc => ({
        sheet: TREE_SHEET.name,
        row: row.row,
        column: TREE_SHEET.columns.find((c) => c.key === key)!,
        ...(row.cells.has(key) ? { index: row.cells.get(key)!.index } : {}),
      });
      if (owner !== '' && !classes.some((c) => c.code === owner)) {
        this.error(
          loc('tree'),
          `类别“${owner}”不在“${CLASS_SHEET.name}”表中`,
          `class "${owner}" is not on the sheet "${CLASS_SHEET.name}"`,
        );
        continue;
      }
      if (!known.has(owner)) {
        known.set(owner, new Map());
        roots.set(owner, []);
      }
      const nodes = known.get(owner)!;
      const obj: Obj = {};
      // Paths come later, once the tree's shape is known; read cells now, register after.
      const built: Built = { obj, row, children: [] };
      const code = row.cells.get('code')?.text;
      const parent = row.cells.get('parent')?.text;
      if (typeof code === 'string') {
        if (nodes.has(code)) {
          this.error(
            loc('code'),
            `代码“${code}”在同一棵树中重复（第 ${nodes.get(code)!.row.row} 行）`,
            `code "${code}" repeats row ${nodes.get(code)!.row.row} in the same tree`,
          );
          continue;
        }
        nodes.set(code, built);
      }
      if (typeof parent === 'string') {
        const up = nodes.get(parent);
        if (up === undefined || up === built) {
          this.error(
            loc('parent'),
            `上级代码“${parent}”须是同一棵树中此行之前的节点`,
            `parent "${parent}" must be a node of the same tree on an earlier row`,
          );
          continue;
        }
        up.children.push(built);
      } else roots.get(owner)!.push(built);
    }

    const build = (list: Built[], path: Path): Obj[] =>
      list.map((b, i) => {
        const p = [...path, i];
        const obj = b.obj;
        this.at(p, { sheet: TREE_SHEET.name, row: b.row.row });
        for (const key of ['code', 'name', 'weight', 'description']) this.put(obj, TREE_SHEET, b.row, key, p);
        if (b.children.length > 0) {
          obj.children = build(b.children, [...p, 'children']);
          // A group has no scoring fields: the engine reports them as unknown at this row.
        }
        for (const key of ['kind', 'direction', 'formula', 'unit', 'baseline', 'target', 'stretch', 'core'])
          this.put(obj, TREE_SHEET, b.row, key, p);
        for (const key of ['missing', 'sources', 'dataSources']) this.put(obj, TREE_SHEET, b.row, key, p);
        const type = this.value(TREE_SHEET, b.row, 'method', [...p, 'method', 'type']);
        const params = this.value(TREE_SHEET, b.row, 'params', [...p, 'method']);
        if (params !== undefined && (typeof params !== 'object' || params === null || Array.isArray(params)))
          this.error(
            {
              sheet: TREE_SHEET.name,
              row: b.row.row,
              column: TREE_SHEET.columns.find((c) => c.key === 'params')!,
            },
            '方法参数应为 JSON 对象，如 {"cap": 1.1}',
            'method parameters should be a JSON object such as {"cap": 1.1}',
          );
        else if (type !== undefined || params !== undefined)
          obj.method = { ...((params as Obj | undefined) ?? {}), ...(type === undefined ? {} : { type }) };
        return obj;
      });

    for (const [owner, list] of roots) {
      if (owner === '') continue;
      const cls = classes.find((c) => c.code === owner)!;
      cls.obj.tree = build(list, ['classes', cls.index, 'tree']);
    }
    return build(roots.get('')!, ['tree']);
  }

  private adjustments(doc: Obj): void {
    const lists: Record<'bonus' | 'deduction' | 'veto', Obj[]> = { bonus: [], deduction: [], veto: [] };
    for (const row of this.rows(ADJUSTMENT_SHEET) ?? []) {
      const typeText = this.value(ADJUSTMENT_SHEET, row, 'type');
      if (typeof typeText !== 'string') continue;
      const type = ADJUSTMENT_TYPES[typeText];
      if (type === undefined) {
        this.error(
          { sheet: ADJUSTMENT_SHEET.name, row: row.row, column: ADJUSTMENT_SHEET.columns[0]! },
          `类型“${typeText}”应为 加分、扣分 或 否决`,
          `type "${typeText}" should be bonus, deduction or veto`,
        );
        continue;
      }
      const list = lists[type];
      const path = [type, list.length];
      this.at(path, { sheet: ADJUSTMENT_SHEET.name, row: row.row });
      const obj: Obj = {};
      this.put(obj, ADJUSTMENT_SHEET, row, 'code', path);
      this.put(obj, ADJUSTMENT_SHEET, row, 'name', path);
      this.put(obj, ADJUSTMENT_SHEET, row, 'formula', path, type === 'veto' ? 'condition' : 'formula');
      if (type === 'veto') {
        for (const key of ['pointsPer', 'cap'])
          if (row.cells.has(key))
            this.error(
              {
                sheet: ADJUSTMENT_SHEET.name,
                row: row.row,
                column: ADJUSTMENT_SHEET.columns.find((c) => c.key === key)!,
                index: row.cells.get(key)!.index,
              },
              '否决项不设分值和上限',
              'a veto item has no points and no cap',
            );
      } else {
        this.put(obj, ADJUSTMENT_SHEET, row, 'pointsPer', path);
        this.put(obj, ADJUSTMENT_SHEET, row, 'cap', path);
      }
      this.put(obj, ADJUSTMENT_SHEET, row, 'description', path);
      list.push(obj);
    }
    for (const key of ['bonus', 'deduction', 'veto'] as const)
      if (lists[key].length > 0) doc[key] = lists[key];
  }

  private grading(doc: Obj): void {
    const thresholds: Obj[] = [];
    const quotas: Obj = {};
    for (const row of this.rows(GRADING_SHEET) ?? []) {
      const path = ['grading', 'thresholds', thresholds.length];
      this.at(path, { sheet: GRADING_SHEET.name, row: row.row });
      const th: Obj = {};
      for (const key of ['grade', 'min', 'label']) this.put(th, GRADING_SHEET, row, key, path);
      const quota = this.value(GRADING_SHEET, row, 'quota', ['grading', 'quotas', String(th.grade)]);
      if (quota !== undefined && typeof th.grade === 'string') quotas[th.grade] = quota;
      thresholds.push(th);
    }
    const grading = (doc.grading as Obj | undefined) ?? {};
    doc.grading = {
      ...grading,
      thresholds,
      ...(Object.keys(quotas).length > 0 ? { quotas } : {}),
    };
    this.at(['grading'], { sheet: GRADING_SHEET.name, row: 1 });
  }
}

function matches(col: ColumnSpec, text: string): boolean {
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
  const h = norm(text);
  return h === norm(headerOf(col)) || h === norm(col.zh) || h === norm(col.en) || h === col.key.toLowerCase();
}

function booleanOf(text: string): boolean | undefined {
  const s = text.trim().toLowerCase();
  if (['true', '是', '1', 'yes', 'y'].includes(s)) return true;
  if (['false', '否', '0', 'no', 'n'].includes(s)) return false;
  return undefined;
}

function aliasOf(key: string, v: unknown): unknown {
  const map = ALIASES[key];
  return map !== undefined && typeof v === 'string' ? (map[v] ?? v) : v;
}
