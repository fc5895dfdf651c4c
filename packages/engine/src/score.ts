import type { Plan } from './plan.js';
import type { ResultSet } from './result.js';
import type { Unit } from './unit.js';
import type { ValueTable } from './value-table.js';

export interface ScoreOptions {
  /** The period to score, e.g. '2026' or '2026Q1'; must be of the plan's period type. */
  period: string;
}

/** Scores every unit for one period. Pure and deterministic. Throws ScoreError on a bad plan or input. */
export function score(_plan: Plan, _units: readonly Unit[], _values: ValueTable, _options: ScoreOptions): ResultSet {
  throw new Error('not implemented yet');
}
