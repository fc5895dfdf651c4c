export type PeriodType = 'month' | 'quarter' | 'half' | 'year';

export const PERIOD_TYPES: readonly PeriodType[] = ['month', 'quarter', 'half', 'year'];

/** How many periods of a type a year has (the number picked beside the year). */
export const PERIODS_PER_YEAR: Record<PeriodType, number> = { month: 12, quarter: 4, half: 2, year: 1 };

/**
 * The code the engine parses for a type, year and number: (month, 2026, 3) → 2026M03, (quarter, 2026, 1)
 * → 2026Q1, (half, 2026, 1) → 2026H1, (year, 2026) → 2026. Undefined when the number is out of range.
 */
export function periodCodeOf(type: PeriodType, year: number, number?: number): string | undefined {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) return undefined;
  if (type === 'year') return String(year);
  if (number === undefined || !Number.isInteger(number) || number < 1 || number > PERIODS_PER_YEAR[type])
    return undefined;
  if (type === 'month') return `${year}M${String(number).padStart(2, '0')}`;
  return `${year}${type === 'quarter' ? 'Q' : 'H'}${number}`;
}
