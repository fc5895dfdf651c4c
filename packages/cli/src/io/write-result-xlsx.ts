import { gradeName, type Locale, type ResultSet } from '@xiaoneng/engine';
import type { ProgressFactory } from '../progress.js';
import {
  dimensionIndexes,
  gradeOf,
  leafIndexes,
  nodePoints,
  rankingOrder,
  vetoCodes,
} from './result-rows.js';
import { writeAtomic } from './write-atomic.js';

const HEAD = {
  'zh-CN': {
    ranking: '排名',
    points: '指标得分',
    code: '单位代码',
    name: '单位名称',
    total: '总分',
    rank: '排名',
    grade: '等次',
    gradeName: '等次名称',
    class: '类别',
    overallRank: '总排名',
    base: '指标得分合计',
    bonus: '加分',
    deduction: '扣分',
    veto: '一票否决',
    indicatorCode: '指标代码',
  },
  en: {
    ranking: 'Ranking',
    points: 'Indicator points',
    code: 'Unit code',
    name: 'Unit name',
    total: 'Total',
    rank: 'Rank',
    grade: 'Grade',
    gradeName: 'Grade name',
    class: 'Class',
    overallRank: 'Overall rank',
    base: 'Indicator points',
    bonus: 'Bonus',
    deduction: 'Deduction',
    veto: 'Veto',
    indicatorCode: 'Indicator code',
  },
} as const;

/**
 * The result as a workbook for people: a ranking sheet (unit code, name, total, rank, grade, one column per
 * dimension, then grade name, class, indicator points, bonus, deduction, veto) and an indicator-detail
 * sheet, one row per unit and one column per indicator with its points (two header rows: name, then code).
 * Wide rather than long so that a province stays far below Excel's 1,048,576-row limit. Written with
 * exceljs' streaming writer so memory stays flat; exceljs manages a few hundred thousand cells a second, so a
 * 60,000-unit province with 60 indicators takes about half a minute — raw values are left to the JSON.
 */
export async function writeResultXlsx(
  path: string,
  rs: ResultSet,
  locale: Locale,
  bars: ProgressFactory = () => ({ update() {}, stop() {} }),
): Promise<void> {
  const ExcelJS = (await import('exceljs')).default;
  const h = HEAD[locale];
  const dims = dimensionIndexes(rs);
  const leaves = leafIndexes(rs);
  const order = rankingOrder(rs);
  const className = new Map(rs.classes.map((c) => [c.code, c.name]));
  const overall = rs.overallRank !== null;
  const bold = { bold: true };
  const cell = (x: number | null) => (x === null || !Number.isFinite(x) ? null : x);

  await writeAtomic(path, async (tmp) => {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: tmp,
      useStyles: true,
      useSharedStrings: true,
    });
    wb.creator = 'xiaoneng';

    const ranking = wb.addWorksheet(h.ranking, { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] });
    const rankingHeader = [
      h.code,
      h.name,
      h.total,
      h.rank,
      h.grade,
      ...dims.map((g) => rs.nodes[g]!.name),
      h.gradeName,
      h.class,
      ...(overall ? [h.overallRank] : []),
      h.base,
      h.bonus,
      h.deduction,
      h.veto,
    ];
    // Column styles reach every cell written below; the header row is text and unaffected.
    const pointsColumn = (i: number) => i === 2 || (i >= 5 && i < 5 + dims.length);
    ranking.columns = rankingHeader.map((_, i) => ({
      width: i === 1 ? 28 : i === 0 ? 16 : 12,
      ...(pointsColumn(i) ? { style: { numFmt: '0.00' } } : {}),
    }));
    const head = ranking.addRow(rankingHeader);
    head.font = bold;
    head.commit();
    for (const u of order) {
      const unit = rs.units[u]!;
      const grade = gradeOf(rs, u);
      const row = ranking.addRow([
        unit.code,
        unit.name,
        rs.total[u]!,
        rs.rank[u]!,
        grade,
        ...dims.map((g) => cell(nodePoints(rs, u, g))),
        gradeName(grade, locale),
        className.get(unit.class) ?? unit.class,
        ...(overall ? [rs.overallRank![u]!] : []),
        rs.base[u]!,
        rs.bonus[u]!,
        rs.deduction[u]!,
        vetoCodes(rs, u)
          .map((code) => rs.vetoItems.find((v) => v.code === code)?.name ?? code)
          .join(locale === 'zh-CN' ? '、' : ', '),
      ]);
      row.commit();
    }
    ranking.commit();

    const detail = (title: string, value: (u: number, g: number) => number | null, numFmt: string) => {
      const ws = wb.addWorksheet(title, { views: [{ state: 'frozen', xSplit: 2, ySplit: 2 }] });
      ws.columns = [{ width: 16 }, { width: 28 }, ...leaves.map(() => ({ width: 14, style: { numFmt } }))];
      const names = ws.addRow([h.code, h.name, ...leaves.map((g) => rs.nodes[g]!.name)]);
      names.font = bold;
      names.commit();
      const codes = ws.addRow(['', h.indicatorCode, ...leaves.map((g) => rs.nodes[g]!.code)]);
      codes.font = { italic: true };
      codes.commit();
      const bar = bars(title, order.length);
      order.forEach((u, i) => {
        const unit = rs.units[u]!;
        ws.addRow([unit.code, unit.name, ...leaves.map((g) => cell(value(u, g)))]).commit();
        if ((i & 1023) === 0) bar.update(i);
      });
      bar.stop();
      ws.commit();
    };
    detail(h.points, (u, g) => nodePoints(rs, u, g), '0.00');
    await wb.commit();
  });
}
