import { SOURCES, type Source } from './plan.js';

/**
 * DataValues in long format (unit × element × period × source → value), stored column-wise with interned
 * codes so that a province (millions of values) costs a few typed arrays instead of millions of objects.
 * Build one with {@link ValueTableBuilder}; it is immutable afterwards.
 */
export interface ValueTable {
  readonly length: number;
  /** Interned code lists; the columns hold indexes into them. */
  readonly unitCodes: readonly string[];
  readonly elementCodes: readonly string[];
  readonly periodCodes: readonly string[];
  readonly unit: Int32Array;
  readonly element: Int32Array;
  readonly period: Int32Array;
  /** Index into {@link SOURCES}. */
  readonly source: Uint8Array;
  readonly value: Float64Array;
}

export const SOURCE_INDEX: Readonly<Record<Source, number>> = Object.fromEntries(
  SOURCES.map((s, i) => [s, i]),
) as Record<Source, number>;

export interface DataValue {
  unit: string;
  element: string;
  period: string;
  source: Source;
  value: number;
}

/** Interns strings to dense indexes. */
class Interner {
  readonly codes: string[] = [];
  private readonly index = new Map<string, number>();
  id(code: string): number {
    let i = this.index.get(code);
    if (i === undefined) {
      i = this.codes.length;
      this.codes.push(code);
      this.index.set(code, i);
    }
    return i;
  }
}

export class ValueTableBuilder {
  private readonly units = new Interner();
  private readonly elements = new Interner();
  private readonly periods = new Interner();
  private n = 0;
  private unit: Int32Array;
  private element: Int32Array;
  private period: Int32Array;
  private source: Uint8Array;
  private value: Float64Array;

  constructor(capacity = 1024) {
    this.unit = new Int32Array(capacity);
    this.element = new Int32Array(capacity);
    this.period = new Int32Array(capacity);
    this.source = new Uint8Array(capacity);
    this.value = new Float64Array(capacity);
  }

  /** Interned index of a unit code, for callers that add many values of one unit. */
  unitId(code: string): number {
    return this.units.id(code);
  }
  elementId(code: string): number {
    return this.elements.id(code);
  }
  periodId(code: string): number {
    return this.periods.id(code);
  }

  add(unit: string, element: string, period: string, source: Source, value: number): this {
    return this.addIds(
      this.units.id(unit),
      this.elements.id(element),
      this.periods.id(period),
      SOURCE_INDEX[source],
      value,
    );
  }

  /** Adds a value by interned indexes (see unitId/elementId/periodId and SOURCE_INDEX). */
  addIds(unit: number, element: number, period: number, source: number, value: number): this {
    if (this.n === this.value.length) this.grow();
    const i = this.n++;
    this.unit[i] = unit;
    this.element[i] = element;
    this.period[i] = period;
    this.source[i] = source;
    this.value[i] = value;
    return this;
  }

  addAll(values: Iterable<DataValue>): this {
    for (const v of values) this.add(v.unit, v.element, v.period, v.source, v.value);
    return this;
  }

  private grow(): void {
    const cap = Math.max(1024, this.value.length * 2);
    const grow = <T extends Int32Array | Uint8Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.unit = grow(this.unit, (n) => new Int32Array(n));
    this.element = grow(this.element, (n) => new Int32Array(n));
    this.period = grow(this.period, (n) => new Int32Array(n));
    this.source = grow(this.source, (n) => new Uint8Array(n));
    this.value = grow(this.value, (n) => new Float64Array(n));
  }

  build(): ValueTable {
    const n = this.n;
    return {
      length: n,
      unitCodes: this.units.codes.slice(),
      elementCodes: this.elements.codes.slice(),
      periodCodes: this.periods.codes.slice(),
      unit: this.unit.slice(0, n),
      element: this.element.slice(0, n),
      period: this.period.slice(0, n),
      source: this.source.slice(0, n),
      value: this.value.slice(0, n),
    };
  }
}

export function valueTable(values: Iterable<DataValue>): ValueTable {
  return new ValueTableBuilder().addAll(values).build();
}

/** Row `i` of a table as an object, for messages and tests. */
export function valueAt(t: ValueTable, i: number): DataValue {
  return {
    unit: t.unitCodes[t.unit[i]!]!,
    element: t.elementCodes[t.element[i]!]!,
    period: t.periodCodes[t.period[i]!]!,
    source: SOURCES[t.source[i]!]!,
    value: t.value[i]!,
  };
}
