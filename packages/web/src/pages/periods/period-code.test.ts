import { describe, expect, it } from 'vitest';
import { periodCodeOf } from './period-code';

describe('periodCodeOf', () => {
  it('writes the codes the engine parses', () => {
    expect(periodCodeOf('month', 2026, 3)).toBe('2026M03');
    expect(periodCodeOf('month', 2026, 12)).toBe('2026M12');
    expect(periodCodeOf('quarter', 2026, 1)).toBe('2026Q1');
    expect(periodCodeOf('half', 2026, 2)).toBe('2026H2');
    expect(periodCodeOf('year', 2026)).toBe('2026');
  });

  it('gives nothing for a number the type does not have', () => {
    expect(periodCodeOf('month', 2026, 13)).toBeUndefined();
    expect(periodCodeOf('month', 2026, 0)).toBeUndefined();
    expect(periodCodeOf('quarter', 2026, 5)).toBeUndefined();
    expect(periodCodeOf('half', 2026, 3)).toBeUndefined();
    expect(periodCodeOf('half', 2026)).toBeUndefined();
    expect(periodCodeOf('year', 99)).toBeUndefined();
  });
});
