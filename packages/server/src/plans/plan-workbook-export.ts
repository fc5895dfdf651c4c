import type { IndicatorNode, Plan } from '@xiaoneng/engine';
import ExcelJS from 'exceljs';
import {
  ADJUSTMENT_SHEET,
  CLASS_SHEET,
  CLASS_WEIGHT_SHEET,
  type ColumnSpec,
  ELEMENT_SHEET,
  GRADING_SHEET,
  headerOf,
  PLAN_SETTINGS,
  PLAN_SHEET,
  type SheetSpec,
  TREE_SHEET,
} from './plan-workbook-layout.js';

type Row = Record<string, unknown>;

/** A cell as Excel holds it: numbers and booleans stay typed, JSON and lists become text. */
function cellValue(c: ColumnSpec, v: unknown): ExcelJS.CellValue {
  if (v === undefined || v === null) return null;
  if (c.kind === 'json') return JSON.stringify(v);
  if (c.kind === 'list') return (v as string[]).join(c.key === 'dataSources' ? '；' : '，');
  return v as ExcelJS.CellValue;
}

function addSheet(book: ExcelJS.Workbook, spec: SheetSpec, rows: readonly Row[], indent?: number[]): void {
  const sheet = book.addWorksheet(spec.name);
  sheet.columns = spec.columns.map((c) => ({ header: headerOf(c), key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  rows.forEach((r, i) => {
    const row = sheet.addRow(spec.columns.map((c) => cellValue(c, r[c.key])));
    const depth = indent?.[i] ?? 0;
    if (depth > 0)
      row.getCell(spec.columns.findIndex((c) => c.key === 'name') + 1).alignment = { indent: depth };
  });
  // Codes are text: keep leading zeros and stop Excel from turning 1.10 into 1.1.
  spec.columns.forEach((c, i) => {
    if (c.key === 'code' || c.key === 'parent' || c.key === 'node' || c.key === 'class')
      sheet.getColumn(i + 1).numFmt = '@';
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
}

function treeRows(
  tree: readonly IndicatorNode[],
  owner: string | undefined,
  rows: Row[],
  depth: number[],
): void {
  const walk = (nodes: readonly IndicatorNode[], parent: string | undefined, level: number) => {
    for (const n of nodes) {
      const { method, children: _c, ...rest } = n as IndicatorNode & { children?: unknown; method?: Row };
      const row: Row = { ...rest, tree: owner, parent };
      if (method !== undefined) {
        const { type, ...params } = method;
        row.method = type;
        if (Object.keys(params).length > 0) row.params = params;
      }
      rows.push(row);
      depth.push(level);
      if ('children' in n) walk(n.children, n.code, level + 1);
    }
  };
  walk(tree, undefined, 0);
}

/** The plan document as a workbook (see plan-workbook-layout.ts); importing it gives the same document. */
export async function planWorkbook(plan: Plan): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'xiaoneng';

  const settings: Row[] = [];
  const at: Record<string, unknown> = {
    ...plan,
    'elasticity.min': plan.elasticity?.min,
    'elasticity.max': plan.elasticity?.max,
    'grading.tieRule': plan.grading.tieRule,
  };
  for (const s of PLAN_SETTINGS) {
    const v = at[s.key];
    settings.push({
      key: s.key,
      label: s.label['zh-CN'],
      value: v === undefined ? undefined : s.kind === 'json' ? JSON.stringify(v) : v,
    });
  }
  addSheet(book, PLAN_SHEET, settings);

  const rows: Row[] = [];
  const depth: number[] = [];
  treeRows(plan.tree, undefined, rows, depth);
  for (const c of plan.classes) if (c.tree !== undefined) treeRows(c.tree, c.code, rows, depth);
  addSheet(book, TREE_SHEET, rows, depth);

  addSheet(book, ELEMENT_SHEET, plan.elements as unknown as Row[]);
  addSheet(
    book,
    CLASS_SHEET,
    plan.classes.map((c) => ({ code: c.code, name: c.name, exclude: c.exclude })),
  );
  addSheet(
    book,
    CLASS_WEIGHT_SHEET,
    plan.classes.flatMap((c) =>
      Object.entries(c.weights ?? {}).map(([node, weight]) => ({ class: c.code, node, weight })),
    ),
  );
  addSheet(book, ADJUSTMENT_SHEET, [
    ...(plan.bonus ?? []).map((b) => ({ ...b, type: 'bonus' })),
    ...(plan.deduction ?? []).map((d) => ({ ...d, type: 'deduction' })),
    ...(plan.veto ?? []).map((v) => ({
      type: 'veto',
      code: v.code,
      name: v.name,
      formula: v.condition,
      description: v.description,
    })),
  ]);
  addSheet(
    book,
    GRADING_SHEET,
    plan.grading.thresholds.map((th) => ({ ...th, quota: plan.grading.quotas?.[th.grade] })),
  );
  return Buffer.from(await book.xlsx.writeBuffer());
}
