import { PassThrough } from 'node:stream';
import { GRADES, type Grade, gradeName, type Locale } from '@xiaoneng/engine';
import ExcelJS from 'exceljs';
import type { ResultLegend } from './result-legend.js';
import type { RankingRow } from './result-queries.js';

const HEAD: Record<Locale, string[]> = {
  'zh-CN': ['单位代码', '单位', '类别', '总分', '排名', '类别单位数', '等次', '等次名称'],
  en: ['unit code', 'unit', 'class', 'total', 'rank', 'class size', 'grade', 'grade name'],
};
const SHEET: Record<Locale, string> = { 'zh-CN': '排名', en: 'Ranking' };

/**
 * The whole ranking as an Excel workbook: one sheet, a row per unit in class and rank order, dimension
 * points in columns named after the dimensions. Streamed by exceljs' writer (flat memory); the caller keeps
 * the bytes, since a published snapshot never changes.
 */
export async function rankingsXlsx(
  rows: readonly RankingRow[],
  legend: ResultLegend,
  locale: Locale,
): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  wb.creator = 'xiaoneng';
  const sheet = wb.addWorksheet(SHEET[locale], { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] });
  const className = new Map(legend.classes.map((c) => [c.code, c.name]));
  const header = [...HEAD[locale], ...legend.dimensions.map((d) => d.name)];
  sheet.columns = header.map((_, i) => ({
    width: i === 1 ? 28 : i === 0 ? 16 : 12,
    ...(i === 3 || i >= 8 ? { style: { numFmt: '0.00' } } : {}),
  }));
  const head = sheet.addRow(header);
  head.font = { bold: true };
  head.commit();
  for (const r of rows)
    sheet
      .addRow([
        r.unitCode,
        r.unitName,
        className.get(r.class) ?? r.class,
        r.total,
        r.rank,
        r.classSize,
        r.grade,
        (GRADES as readonly string[]).includes(r.grade) ? gradeName(r.grade as Grade, locale) : r.grade,
        ...legend.dimensions.map((d) => r.dimensions[d.code] ?? null),
      ])
      .commit();
  sheet.commit();
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}
