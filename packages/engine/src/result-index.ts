import type { InputColumn, ResultSet } from './result.js';

/**
 * Lookups that readers of a result set make again and again — a unit by its code, a class's units in rank
 * order — built once per result set on first use. A server explaining unit after unit of a 27,000-unit
 * province must not scan every unit for each page (result sets are not changed after scoring).
 */
export interface ResultIndex {
  byCode: ReadonlyMap<string, number>;
  /** Per class, its units' indexes by rank (ties in input order). */
  classOrder: ReadonlyMap<string, Int32Array>;
  /** Each unit's position in its class's `classOrder`. */
  positionInClass: Int32Array;
  /** The input columns read for each element (one per period and source). */
  inputsByElement: ReadonlyMap<string, readonly InputColumn[]>;
}

const indexes = new WeakMap<ResultSet, ResultIndex>();

export function resultIndex(rs: ResultSet): ResultIndex {
  const known = indexes.get(rs);
  if (known !== undefined) return known;
  const n = rs.units.length;
  const byCode = new Map<string, number>();
  const members = new Map<string, number[]>();
  for (let u = 0; u < n; u++) {
    const info = rs.units[u]!;
    if (!byCode.has(info.code)) byCode.set(info.code, u);
    const list = members.get(info.class);
    if (list === undefined) members.set(info.class, [u]);
    else list.push(u);
  }
  const classOrder = new Map<string, Int32Array>();
  const positionInClass = new Int32Array(n);
  for (const [cls, list] of members) {
    const order = Int32Array.from(list).sort((a, b) => rs.rank[a]! - rs.rank[b]! || a - b);
    for (let i = 0; i < order.length; i++) positionInClass[order[i]!] = i;
    classOrder.set(cls, order);
  }
  const inputsByElement = new Map<string, InputColumn[]>();
  for (const c of rs.inputs) {
    const list = inputsByElement.get(c.element);
    if (list === undefined) inputsByElement.set(c.element, [c]);
    else list.push(c);
  }
  const index = { byCode, classOrder, positionInClass, inputsByElement };
  indexes.set(rs, index);
  return index;
}
