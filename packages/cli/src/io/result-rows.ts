import { cell, GRADES, type Grade, pointsAt, type ResultSet } from '@xiaoneng/engine';

/** Indexes into `rs.nodes` of the dimensions (top-level nodes), in tree order. */
export function dimensionIndexes(rs: ResultSet): number[] {
  const out: number[] = [];
  rs.nodes.forEach((n, i) => {
    if (n.depth === 0) out.push(i);
  });
  return out;
}

/** Indexes into `rs.nodes` of the leaves (scored indicators), in tree order. */
export function leafIndexes(rs: ResultSet): number[] {
  const out: number[] = [];
  rs.nodes.forEach((n, i) => {
    if (n.leaf) out.push(i);
  });
  return out;
}

/**
 * The order units are listed in outputs: by class (plan order), then rank, then code — so a ranking reads
 * top-down within each class and ties keep a stable order.
 */
export function rankingOrder(rs: ResultSet): number[] {
  const classOrder = new Map(rs.classes.map((c, i) => [c.code, i]));
  const order = rs.units.map((_, i) => i);
  order.sort((a, b) => {
    const ca = classOrder.get(rs.units[a]!.class) ?? 0;
    const cb = classOrder.get(rs.units[b]!.class) ?? 0;
    if (ca !== cb) return ca - cb;
    const ra = rs.rank[a]!;
    const rb = rs.rank[b]!;
    if (ra !== rb) return ra - rb;
    const x = rs.units[a]!.code;
    const y = rs.units[b]!.code;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return order;
}

/** Points of a node for a unit; null when the node is not part of the unit's tree (or carries no weight). */
export function nodePoints(rs: ResultSet, u: number, g: number): number | null {
  const at = cell(rs, u, g);
  return rs.fullPoints[at] === 0 && Number.isNaN(rs.fraction[at]!) ? null : pointsAt(rs, at);
}

export function gradeOf(rs: ResultSet, u: number): Grade {
  return GRADES[rs.grade[u]!]!;
}

/** Codes of the veto items that hit a unit. */
export function vetoCodes(rs: ResultSet, u: number): string[] {
  const n = rs.vetoItems.length;
  const out: string[] = [];
  for (let j = 0; j < n; j++) if (rs.vetoHits[u * n + j]) out.push(rs.vetoItems[j]!.code);
  return out;
}

/** Units per class and grade, for summaries: class code → counts in GRADES order. */
export function gradeCounts(rs: ResultSet): Map<string, number[]> {
  const out = new Map<string, number[]>(rs.classes.map((c) => [c.code, GRADES.map(() => 0)]));
  rs.units.forEach((u, i) => {
    const counts = out.get(u.class);
    if (counts) counts[rs.grade[i]!]!++;
  });
  return out;
}
