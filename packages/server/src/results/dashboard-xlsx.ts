import { PassThrough } from 'node:stream';
import { GRADES, type Grade, gradeName, type Locale } from '@xiaoneng/engine';
import ExcelJS from 'exceljs';
import type { RankingColumns } from './dashboard-queries.js';

const HEAD: Record<Locale, string[]> = {
  'zh-CN': [
    '单位代码',
    '单位',
    '类别',
    '层级',
    '总分',
    '排名',
    '类别单位数',
    '等次',
    '上期排名',
    '名次变化',
    '名次区间下限（5%）',
    '名次中位数',
    '名次区间上限（95%）',
  ],
  en: [
    'unit code',
    'unit',
    'class',
    'level',
    'total',
    'rank',
    'class size',
    'grade',
    'previous rank',
    'rank change',
    'rank interval from (5 %)',
    'median rank',
    'rank interval to (95 %)',
  ],
};
const SHEET: Record<Locale, string> = { 'zh-CN': '排名', en: 'Ranking' };

/**
 * The dashboard's ranking table as an Excel workbook, a row per unit as the table lists them; the rank
 * change is positive for a unit that moved up. Empty cells where there is no previous rank or no
 * sensitivity analysis.
 */
export async function dashboardRankingXlsx(
  rows: RankingColumns,
  classNames: ReadonlyMap<string, string>,
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
  sheet.columns = HEAD[locale].map((_, i) => ({
    width: i === 1 ? 28 : i === 0 ? 16 : 12,
    ...(i === 4 ? { style: { numFmt: '0.00' } } : {}),
  }));
  const head = sheet.addRow(HEAD[locale]);
  head.font = { bold: true };
  head.commit();
  for (let i = 0; i < rows.unitCode.length; i++) {
    const grade = rows.grade[i]!;
    const previous = rows.previousRank[i] ?? null;
    sheet
      .addRow([
        rows.unitCode[i]!,
        rows.unitName[i]!,
        classNames.get(rows.class[i]!) ?? rows.class[i]!,
        rows.level[i] ?? null,
        rows.total[i]!,
        rows.rank[i]!,
        rows.classSize[i]!,
        (GRADES as readonly string[]).includes(grade)
          ? `${grade} ${gradeName(grade as Grade, locale)}`
          : grade,
        previous,
        previous === null ? null : previous - rows.rank[i]!,
        rows.rankP05[i] ?? null,
        rows.rankMedian[i] ?? null,
        rows.rankP95[i] ?? null,
      ])
      .commit();
  }
  sheet.commit();
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}
