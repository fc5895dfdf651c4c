import type { PlausibilityFlag } from './entry-types';

/** What a typed text means: nothing, a number, or not a number (which is never sent). */
export type Parsed = { kind: 'empty' } | { kind: 'number'; value: number } | { kind: 'invalid' };

/** Accepts what people type on phones and in Excel habits: spaces and thousands separators (1,234.5 / 1，234). */
export function parseNumber(text: string): Parsed {
  const cleaned = text
    .trim()
    .replace(/[\s,，]/g, '')
    .replace(/。/g, '.');
  if (cleaned === '') return { kind: 'empty' };
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(cleaned)) return { kind: 'invalid' };
  const value = Number(cleaned);
  return Number.isFinite(value) ? { kind: 'number', value } : { kind: 'invalid' };
}

/**
 * The server's plausibility rules (packages/server/src/submissions/plausibility-flags.ts), applied while the
 * person types: outside min/max, or a change of more than half against the previous period (any change from
 * zero). They warn and never block: the value may be right, and the reviewer decides.
 */
export function flagsOf(
  field: { min: number | null; max: number | null },
  value: number,
  previous: number | null,
): PlausibilityFlag[] {
  const flags: PlausibilityFlag[] = [];
  if (field.min !== null && value < field.min) flags.push('below_min');
  if (field.max !== null && value > field.max) flags.push('above_max');
  if (previous !== null) {
    const jump = previous === 0 ? value !== 0 : Math.abs(value - previous) / Math.abs(previous) > 0.5;
    if (jump) flags.push('jump');
  }
  return flags;
}
