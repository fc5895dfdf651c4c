import { describe, expect, it } from 'vitest';
import { within } from './load-inputs.js';

describe('within', () => {
  it('tells whether a period lies inside another', () => {
    expect(within('2026', '2026')).toBe(true);
    expect(within('2026M03', '2026')).toBe(true);
    expect(within('2026M03', '2026Q1')).toBe(true);
    expect(within('2026M04', '2026Q1')).toBe(false);
    expect(within('2026Q3', '2026H2')).toBe(true);
    expect(within('2026Q2', '2026H2')).toBe(false);
    expect(within('2026', '2026Q1')).toBe(false);
    expect(within('2025M12', '2026')).toBe(false);
  });
});
