/**
 * Standard competition ranking (1, 2, 2, 4) of a subset of units.
 *
 * `keys` are compared exactly; callers that rank float totals pass keys rounded to a tolerance (see
 * {@link totalKey}) so that totals equal to the millionth of a point tie instead of being split by
 * floating-point noise.
 */
export function competitionRank(
  keys: Float64Array,
  members: Int32Array,
  descending: boolean,
  out: Int32Array,
): void {
  const order = Int32Array.from(members).sort((a, b) => {
    const d = descending ? keys[b]! - keys[a]! : keys[a]! - keys[b]!;
    return d !== 0 ? d : a - b;
  });
  let rank = 0;
  for (let i = 0; i < order.length; i++) {
    const u = order[i]!;
    if (i === 0 || keys[u] !== keys[order[i - 1]!]) rank = i + 1;
    out[u] = rank;
  }
}

/** Totals are compared at a millionth of a point: a tie below that is a tie. */
export const TOTAL_RESOLUTION = 1e6;

/** Rank key of a total (half-up rounding to the millionth; the reference implementation does the same). */
export function totalKey(total: number): number {
  return Math.floor(total * TOTAL_RESOLUTION + 0.5);
}
