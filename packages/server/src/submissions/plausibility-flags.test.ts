import { describe, expect, it } from 'vitest';
import { changeRatio, plausibilityFlags } from './plausibility-flags.js';

describe('plausibility flags', () => {
  const el = { min: 0, max: 100 };

  it('flags values outside the range of the element, and nothing inside it', () => {
    expect(plausibilityFlags(el, -1, undefined)).toEqual(['below_min']);
    expect(plausibilityFlags(el, 100.5, undefined)).toEqual(['above_max']);
    expect(plausibilityFlags(el, 0, undefined)).toEqual([]);
    expect(plausibilityFlags(el, 100, undefined)).toEqual([]);
    expect(plausibilityFlags({}, 1e9, undefined)).toEqual([]);
  });

  it('flags a change of more than 50% of the previous value, either way', () => {
    expect(plausibilityFlags(el, 60, 40)).toEqual([]); // +50% exactly: not more than half
    expect(plausibilityFlags(el, 61, 40)).toEqual(['jump']); // +52.5%
    expect(plausibilityFlags(el, 20, 40)).toEqual([]); // −50%
    expect(plausibilityFlags(el, 19, 40)).toEqual(['jump']); // −52.5%
    expect(plausibilityFlags(el, 5, 0)).toEqual(['jump']);
    expect(plausibilityFlags(el, 0, 0)).toEqual([]);
    expect(plausibilityFlags(el, 150, 40)).toEqual(['above_max', 'jump']);
  });

  it('gives the relative change where there is one', () => {
    expect(changeRatio(61, 40)).toBe(0.525);
    expect(changeRatio(-30, -20)).toBe(-0.5);
    expect(changeRatio(3, 0)).toBeNull();
    expect(changeRatio(3, undefined)).toBeNull();
  });
});
