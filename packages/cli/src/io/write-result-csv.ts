import type { ResultSet } from '@xiaoneng/engine';
import { dimensionIndexes, gradeOf, nodePoints, rankingOrder, vetoCodes } from './result-rows.js';

function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Full precision (shortest round-trip form): lossless for pandas and Excel alike. */
function num(x: number | null): string {
  return x === null || !Number.isFinite(x) ? '' : String(x);
}

/**
 * The ranking as CSV. The first columns are fixed — `unit,total,rank,grade`, then one column per dimension
 * (by code) with its points — and the extras come after, so scripts can rely on positions:
 * `name,class,overallRank (when ranked across classes),base,bonus,deduction,veto` (veto: item codes joined
 * by `;`). A dimension outside a unit's tree is an empty cell.
 */
export function resultCsv(rs: ResultSet): string {
  const dims = dimensionIndexes(rs);
  const overall = rs.overallRank !== null;
  const header = [
    'unit',
    'total',
    'rank',
    'grade',
    ...dims.map((g) => rs.nodes[g]!.code),
    'name',
    'class',
    ...(overall ? ['overallRank'] : []),
    'base',
    'bonus',
    'deduction',
    'veto',
  ];
  const lines = [header.map(csvField).join(',')];
  for (const u of rankingOrder(rs)) {
    const unit = rs.units[u]!;
    const cells = [
      csvField(unit.code),
      num(rs.total[u]!),
      String(rs.rank[u]!),
      gradeOf(rs, u),
      ...dims.map((g) => num(nodePoints(rs, u, g))),
      csvField(unit.name),
      csvField(unit.class),
      ...(overall ? [String(rs.overallRank![u]!)] : []),
      num(rs.base[u]!),
      num(rs.bonus[u]!),
      num(rs.deduction[u]!),
      csvField(vetoCodes(rs, u).join(';')),
    ];
    lines.push(cells.join(','));
  }
  return `${lines.join('\n')}\n`;
}
