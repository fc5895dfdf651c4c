import type { PeriodType } from './plan.js';

/**
 * 考核周期 codes: `2026M03` (month), `2026Q1` (quarter), `2026H1` (half-year), `2026` (year).
 * Periods are compared and shifted as (year, index within the year) pairs.
 */
export interface Period {
  code: string;
  type: PeriodType;
  year: number;
  /** 1-based index within the year: month 1–12, quarter 1–4, half 1–2, year 1. */
  index: number;
}

const PER_YEAR: Record<PeriodType, number> = { month: 12, quarter: 4, half: 2, year: 1 };
/** Months per period: used to decide containment. */
const MONTHS: Record<PeriodType, number> = { month: 1, quarter: 3, half: 6, year: 12 };
const PATTERN = /^(\d{4})(?:(M)(0[1-9]|1[0-2])|(Q)([1-4])|(H)([12]))?$/;

export function parsePeriod(code: string): Period | undefined {
  const m = PATTERN.exec(code);
  if (!m) return undefined;
  const year = Number(m[1]);
  if (m[2]) return { code, type: 'month', year, index: Number(m[3]) };
  if (m[4]) return { code, type: 'quarter', year, index: Number(m[5]) };
  if (m[6]) return { code, type: 'half', year, index: Number(m[7]) };
  return { code, type: 'year', year, index: 1 };
}

export function periodCode(type: PeriodType, year: number, index: number): string {
  switch (type) {
    case 'month':
      return `${year}M${String(index).padStart(2, '0')}`;
    case 'quarter':
      return `${year}Q${index}`;
    case 'half':
      return `${year}H${index}`;
    case 'year':
      return String(year);
  }
}

/** The period `steps` periods before (negative: after) `p`, of the same type. */
export function shiftPeriod(p: Period, steps: number): Period {
  const n = PER_YEAR[p.type];
  const ordinal = p.year * n + (p.index - 1) - steps;
  const year = Math.floor(ordinal / n);
  const index = (ordinal % n) + 1;
  return { code: periodCode(p.type, year, index), type: p.type, year, index };
}

export function previousPeriod(p: Period): Period {
  return shiftPeriod(p, 1);
}

export function sameLastYear(p: Period): Period {
  return shiftPeriod(p, PER_YEAR[p.type]);
}

/** First and last month (1–12) the period covers. */
function monthSpan(p: Period): [number, number] {
  const len = MONTHS[p.type];
  const first = (p.index - 1) * len + 1;
  return [first, first + len - 1];
}

/** Whether `inner` lies within `outer` (a period contains itself). */
export function contains(outer: Period, inner: Period): boolean {
  if (outer.year !== inner.year || MONTHS[inner.type] > MONTHS[outer.type]) return false;
  const [a, b] = monthSpan(outer);
  const [c, d] = monthSpan(inner);
  return c >= a && d <= b;
}

/** Granularity rank: month 0 … year 3; a longer period has a larger rank. */
export function periodTypeRank(type: PeriodType): number {
  return type === 'month' ? 0 : type === 'quarter' ? 1 : type === 'half' ? 2 : 3;
}

/** Position of a period in time, for 'last' roll-up: the end month as an ordinal. */
export function periodEndOrdinal(p: Period): number {
  return p.year * 12 + monthSpan(p)[1];
}
