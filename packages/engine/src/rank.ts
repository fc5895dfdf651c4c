/**
 * Standard competition ranking (1, 2, 2, 4) of a subset of units: a unit's rank is 1 + the number of units
 * strictly better. Implemented as a radix sort of the keys plus a binary search per unit, because a
 * comparator sort over unit indexes is an order of magnitude slower and this runs per indicator and per
 * sensitivity draw.
 *
 * `keys` are compared exactly; callers that rank float totals pass keys rounded to a tolerance (see
 * {@link totalKey}) so that totals equal to the millionth of a point tie instead of being split by
 * floating-point noise. Keys must not be NaN.
 */
export function competitionRank(
  keys: Float64Array,
  members: Int32Array,
  descending: boolean,
  out: Int32Array,
): void {
  const m = members.length;
  const sorted = new Float64Array(m);
  for (let i = 0; i < m; i++) sorted[i] = keys[members[i]!]!;
  sortFloat64(sorted);
  for (let i = 0; i < m; i++) {
    const u = members[i]!;
    const k = keys[u]!;
    // descending: better = larger; count those > k. ascending: count those < k.
    out[u] = descending ? m - upperBound(sorted, k) + 1 : lowerBound(sorted, k) + 1;
  }
}

/**
 * Sorts doubles ascending in place (no NaN): an LSD radix sort over the IEEE-754 bits, a byte at a time,
 * skipping bytes all keys share. Several times faster than TypedArray.prototype.sort for the class sizes
 * here, and it dominates the cost of a sensitivity draw otherwise.
 */
export function sortFloat64(a: Float64Array): void {
  const n = a.length;
  if (n < 256) {
    a.sort();
    return;
  }
  const words = new Uint32Array(a.buffer, a.byteOffset, n * 2);
  // Map to unsigned order: flip the sign bit of positives, all bits of negatives (little-endian: hi word odd).
  for (let i = 0; i < n; i++) {
    const hi = words[2 * i + 1]!;
    if (hi & 0x80000000) {
      words[2 * i + 1] = ~hi;
      words[2 * i] = ~words[2 * i]!;
    } else {
      words[2 * i + 1] = hi | 0x80000000;
    }
  }
  let src: Uint32Array = words;
  let dst: Uint32Array = new Uint32Array(n * 2);
  const count = new Int32Array(256);
  for (let pass = 0; pass < 8; pass++) {
    const word = pass >> 2;
    const shift = (pass & 3) * 8;
    count.fill(0);
    for (let i = 0; i < n; i++) count[(src[2 * i + word]! >>> shift) & 255]!++;
    if (count[(src[word]! >>> shift) & 255] === n) continue;
    let sum = 0;
    for (let b = 0; b < 256; b++) {
      const c = count[b]!;
      count[b] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const j = count[(src[2 * i + word]! >>> shift) & 255]!++;
      dst[2 * j] = src[2 * i]!;
      dst[2 * j + 1] = src[2 * i + 1]!;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  if (src !== words) words.set(src);
  for (let i = 0; i < n; i++) {
    const hi = words[2 * i + 1]!;
    if (hi & 0x80000000) {
      words[2 * i + 1] = hi & 0x7fffffff;
    } else {
      words[2 * i + 1] = ~hi;
      words[2 * i] = ~words[2 * i]!;
    }
  }
}

/** First index whose value is > k. */
function upperBound(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! <= k) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose value is ≥ k. */
function lowerBound(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < k) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Totals are compared at a millionth of a point: a tie below that is a tie. */
export const TOTAL_RESOLUTION = 1e6;

/** Rank key of a total (half-up rounding to the millionth; the reference implementation does the same). */
export function totalKey(total: number): number {
  return Math.floor(total * TOTAL_RESOLUTION + 0.5);
}

/**
 * Members ordered by key, largest first, ties by unit index. Keys must be non-negative integers below 2³²
 * (total keys are): key and index are packed into one double so one numeric sort does the work.
 */
export function orderByKeyDesc(keys: Float64Array, members: Int32Array): Int32Array {
  const m = members.length;
  const SHIFT = 2 ** 21; // unit indexes stay below 2²¹ (two million units)
  const packed = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const u = members[i]!;
    packed[i] = keys[u]! * SHIFT + (SHIFT - 1 - u);
  }
  sortFloat64(packed);
  const out = new Int32Array(m);
  for (let i = 0; i < m; i++) out[i] = SHIFT - 1 - (packed[m - 1 - i]! % SHIFT);
  return out;
}
