import type { Shift } from './formula/ast.js';
import type { FormulaContext } from './formula/compile.js';
import { type CompiledFormula, compileFormula } from './formula/compile.js';
import { parseFormulaOrThrow } from './formula/parser.js';
import {
  contains,
  type Period,
  parsePeriod,
  periodEndOrdinal,
  periodTypeRank,
  previousPeriod,
  sameLastYear,
} from './period.js';
import { type DataElement, type Plan, type Rollup, SOURCES } from './plan.js';
import type { InputColumn } from './result.js';
import type { ValueTable } from './value-table.js';

/** Which source(s) a column reads: the first present in an order (precedence), or one source alone. */
export type Selection = { kind: 'precedence'; order: readonly number[] } | { kind: 'source'; source: number };

const NO_SOURCE = 255;

/**
 * Element values by unit for any period, read from a long-format ValueTable: the "pivot" of scoring.
 *
 * Rows are bucketed by element once; a column (element × period × selection) is built on first use and
 * cached. A value reported for the period itself wins; otherwise values of shorter periods inside it roll
 * up by the element's rule, using the coarsest level that has values (quarters before months), so that a
 * unit that reported quarterly is not mixed with stray monthly rows. Computed elements evaluate their
 * formula over the same period and selection. When one unit × element × period × source appears twice,
 * the later row wins.
 */
export class ElementStore {
  private readonly n: number;
  /**
   * The table's rows regrouped by plan element (rows of element e are start[e]..start[e+1]), each column
   * gathered once into element order: scanning an element then reads memory sequentially instead of
   * missing the cache on every row of a multi-million-row table.
   */
  private readonly start: Int32Array;
  private readonly rowUnit: Int32Array;
  private readonly rowPeriod: Int32Array;
  private readonly rowSource: Uint8Array;
  private readonly rowValue: Float64Array;
  private readonly periods: (Period | undefined)[];
  private readonly elementIndex = new Map<string, number>();
  private readonly computed = new Map<string, CompiledFormula>();
  private readonly cache = new Map<string, Float64Array>();
  /** Per precedence column, how to tell which source gave each unit's value (for explanations). */
  private readonly sources = new Map<string, () => Uint8Array>();
  /** Precedence columns read so far, for explanations. */
  readonly inputs: InputColumn[] = [];
  private readonly inputKeys = new Set<string>();
  /** The column of a source without any value, shared: most elements come from one or two sources. */
  private readonly empty: Float64Array;

  constructor(
    private readonly plan: Plan,
    unitIndex: ReadonlyMap<string, number>,
    table: ValueTable,
  ) {
    this.n = unitIndex.size;
    this.empty = new Float64Array(this.n).fill(Number.NaN);
    plan.elements.forEach((e, i) => {
      this.elementIndex.set(e.code, i);
      if (e.formula !== undefined) this.computed.set(e.code, compileFormula(parseFormulaOrThrow(e.formula)));
    });
    const unitMap = Int32Array.from(table.unitCodes, (c) => unitIndex.get(c) ?? -1);
    this.periods = table.periodCodes.map(parsePeriod);
    const tableToPlan = Int32Array.from(table.elementCodes, (c) => this.elementIndex.get(c) ?? -1);
    const nEl = plan.elements.length;
    const count = new Int32Array(nEl + 1);
    // Columns in locals: V8 does not hoist property loads out of these multi-million-row loops.
    const { unit, element, period, source, value, length } = table;
    // Plan element of each row, or -1 when the row is not used (unknown element or unit not scored).
    const rowElement = new Int32Array(length);
    for (let i = 0; i < length; i++) {
      const e = unitMap[unit[i]!]! >= 0 ? tableToPlan[element[i]!]! : -1;
      rowElement[i] = e;
      if (e >= 0) count[e + 1]!++;
    }
    for (let e = 0; e < nEl; e++) count[e + 1]! += count[e]!;
    this.start = count.slice();
    const used = count[nEl]!;
    const rowUnit = new Int32Array(used);
    const rowPeriod = new Int32Array(used);
    const rowSource = new Uint8Array(used);
    const rowValue = new Float64Array(used);
    const fill = count.subarray(0, nEl);
    for (let i = 0; i < length; i++) {
      const e = rowElement[i]!;
      if (e < 0) continue;
      const k = fill[e]!++;
      rowUnit[k] = unitMap[unit[i]!]!;
      rowPeriod[k] = period[i]!;
      rowSource[k] = source[i]!;
      rowValue[k] = value[i]!;
    }
    this.rowUnit = rowUnit;
    this.rowPeriod = rowPeriod;
    this.rowSource = rowSource;
    this.rowValue = rowValue;
  }

  get length(): number {
    return this.n;
  }

  /** A formula context whose references resolve relative to `asOf` with the given selection. */
  context(asOf: Period, selection: Selection): FormulaContext {
    return {
      length: this.n,
      column: (element: string, shift: Shift) => this.column(element, shiftOf(asOf, shift), selection),
    };
  }

  column(element: string, period: Period, selection: Selection): Float64Array {
    const key = `${element}\u0000${period.code}\u0000${selectionKey(selection)}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    let col: Float64Array;
    const formula = this.computed.get(element);
    if (formula) {
      col = formula(this.context(period, selection));
    } else if (selection.kind === 'source') {
      col = this.sourceColumn(element, period, selection.source);
    } else {
      const present = selection.order.filter((s) => this.sourceColumn(element, period, s) !== this.empty);
      if (present.length === 1) {
        // One source has values (the common case): its column is the answer, shared read-only.
        const s = present[0]!;
        const only = this.sourceColumn(element, period, s);
        col = only;
        this.sources.set(key, () => sourceOf(only, s));
      } else {
        col = new Float64Array(this.n).fill(Number.NaN);
        const from = new Uint8Array(this.n).fill(NO_SOURCE);
        for (const s of present) {
          const c = this.sourceColumn(element, period, s);
          for (let u = 0; u < this.n; u++) {
            if (from[u] === NO_SOURCE && !Number.isNaN(c[u]!)) {
              col[u] = c[u]!;
              from[u] = s;
            }
          }
        }
        this.sources.set(key, () => from);
      }
    }
    this.cache.set(key, col);
    this.record(element, period, key, col);
    return col;
  }

  /** Remembers a column read by precedence; which source gave each unit's value is worked out when asked. */
  private record(element: string, period: Period, key: string, value: Float64Array): void {
    const pk = `${element}\u0000${period.code}`;
    if (this.inputKeys.has(pk)) return;
    this.inputKeys.add(pk);
    const find = this.sources.get(key);
    const n = this.n;
    let source: Uint8Array | undefined;
    this.inputs.push({
      element,
      period: period.code,
      value,
      get source() {
        source ??= find ? find() : new Uint8Array(n).fill(NO_SOURCE);
        return source;
      },
    });
  }

  /** One source's values for a period: the period's own value, else rolled up from shorter periods. */
  private sourceColumn(element: string, period: Period, source: number): Float64Array {
    const key = `${element}\u0000${period.code}\u0000s${source}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    this.buildSourceColumns(element, period);
    return this.cache.get(key)!;
  }

  /** Builds the columns of every source of an element for a period in one pass over its rows. */
  private buildSourceColumns(element: string, period: Period): void {
    const cols: (Float64Array | undefined)[] = SOURCES.map(() => undefined);
    const e = this.elementIndex.get(element);
    if (e !== undefined) {
      const def = this.plan.elements[e]!;
      // Which table periods are this period itself (1), lie within it (2), or neither (0).
      const relation = this.periods.map((p) =>
        !p ? 0 : p.code === period.code ? 1 : contains(period, p) ? 2 : 0,
      );
      let finer: (RollupAccumulator | undefined)[] | undefined;
      const { rowPeriod, rowSource, rowUnit, rowValue, n } = this;
      const own = Uint8Array.from(relation, (r) => (r === 1 ? 1 : 0));
      const end = this.start[e + 1]!;
      for (let k = this.start[e]!; k < end; k++) {
        const s = rowSource[k]!;
        if (own[rowPeriod[k]!] === 1) {
          let col = cols[s];
          if (!col) {
            col = new Float64Array(n).fill(Number.NaN);
            cols[s] = col;
          }
          col[rowUnit[k]!] = rowValue[k]!;
        } else if (relation[rowPeriod[k]!] === 2) {
          finer ??= SOURCES.map(() => undefined);
          finer[s] ??= new RollupAccumulator(n, def);
          finer[s].add(rowUnit[k]!, this.periods[rowPeriod[k]!]!, rowValue[k]!);
        }
      }
      finer?.forEach((acc, s) => {
        if (!acc) return;
        cols[s] ??= new Float64Array(this.n).fill(Number.NaN);
        acc.fillMissing(cols[s]);
      });
    }
    cols.forEach((col, s) => {
      this.cache.set(`${element}\u0000${period.code}\u0000s${s}`, col ?? this.empty);
    });
  }
}

function sourceOf(col: Float64Array, s: number): Uint8Array {
  return Uint8Array.from(col, (v) => (Number.isNaN(v) ? NO_SOURCE : s));
}

function selectionKey(s: Selection): string {
  return s.kind === 'source' ? `s${s.source}` : `p${s.order.join('')}`;
}

function shiftOf(asOf: Period, shift: Shift): Period {
  return shift === 'current' ? asOf : shift === 'prev' ? previousPeriod(asOf) : sameLastYear(asOf);
}

/** Per unit, values of periods shorter than the target, kept by level so the coarsest level can win. */
class RollupAccumulator {
  private readonly levels: (LevelAcc | undefined)[] = [];
  constructor(
    private readonly n: number,
    private readonly def: DataElement,
  ) {}

  add(u: number, p: Period, v: number): void {
    const level = periodTypeRank(p.type);
    let acc = this.levels[level];
    if (!acc) {
      acc = new LevelAcc(this.n);
      this.levels[level] = acc;
    }
    acc.add(u, periodEndOrdinal(p), v);
  }

  fillMissing(col: Float64Array): void {
    const coarsestFirst = this.levels.filter((l): l is LevelAcc => l !== undefined).reverse();
    for (let u = 0; u < this.n; u++) {
      if (!Number.isNaN(col[u]!)) continue;
      for (const acc of coarsestFirst) {
        if (acc.count[u]! > 0) {
          col[u] = acc.result(u, this.def.rollup);
          break;
        }
      }
    }
  }
}

class LevelAcc {
  readonly count: Int32Array;
  private readonly sum: Float64Array;
  private readonly min: Float64Array;
  private readonly max: Float64Array;
  private readonly lastAt: Float64Array;
  private readonly last: Float64Array;
  constructor(n: number) {
    this.count = new Int32Array(n);
    this.sum = new Float64Array(n);
    this.min = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
    this.max = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
    this.lastAt = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
    this.last = new Float64Array(n);
  }
  add(u: number, at: number, v: number): void {
    this.count[u]!++;
    this.sum[u]! += v;
    if (v < this.min[u]!) this.min[u] = v;
    if (v > this.max[u]!) this.max[u] = v;
    if (at >= this.lastAt[u]!) {
      this.lastAt[u] = at;
      this.last[u] = v;
    }
  }
  result(u: number, rollup: Rollup): number {
    switch (rollup) {
      case 'sum':
        return this.sum[u]!;
      case 'avg':
        return this.sum[u]! / this.count[u]!;
      case 'last':
        return this.last[u]!;
      case 'max':
        return this.max[u]!;
      case 'min':
        return this.min[u]!;
    }
  }
}
