import { describe, expect, it } from 'vitest';
import { snapshotState } from './result-types';

describe('snapshotState', () => {
  it('tells draft, in notice, final and corrected apart', () => {
    expect(snapshotState({ status: 'draft', final: false })).toBe('draft');
    expect(snapshotState({ status: 'published', final: false })).toBe('notice');
    expect(snapshotState({ status: 'published', final: true })).toBe('final');
    expect(snapshotState({ status: 'superseded', final: false })).toBe('superseded');
  });

  it('reads a public snapshot (no status: only published ones are public) by its final flag', () => {
    expect(snapshotState({ final: false })).toBe('notice');
    expect(snapshotState({ final: true })).toBe('final');
  });
});
