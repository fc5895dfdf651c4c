import type { DataElement } from '@xiaoneng/engine';

/**
 * The rules that flag a value as implausible for a reviewer (审核). Flags never block a write: the value
 * may be right, and the reviewer decides. All rules live here so that they are read and changed in one place.
 */
export type PlausibilityFlag = 'below_min' | 'above_max' | 'jump';

/** A change of more than half the previous value (either way) is a jump. */
export const JUMP_RATIO = 0.5;

export function plausibilityFlags(
  element: Pick<DataElement, 'min' | 'max'>,
  value: number,
  previous: number | undefined,
): PlausibilityFlag[] {
  const flags: PlausibilityFlag[] = [];
  if (element.min !== undefined && value < element.min) flags.push('below_min');
  if (element.max !== undefined && value > element.max) flags.push('above_max');
  if (previous !== undefined && isJump(value, previous)) flags.push('jump');
  return flags;
}

/** From zero, any change is a jump (there is no ratio to speak of). */
function isJump(value: number, previous: number): boolean {
  if (previous === 0) return value !== 0;
  return Math.abs(value - previous) / Math.abs(previous) > JUMP_RATIO;
}

/** The relative change, or null when the previous value is zero or missing. */
export function changeRatio(value: number, previous: number | undefined): number | null {
  if (previous === undefined || previous === 0) return null;
  return (value - previous) / Math.abs(previous);
}
