import { describe, expect, it } from 'vitest';
import { itemIndexOf, keyPath, sourcesOfRoles } from './sources-api';

describe('sources of roles', () => {
  it('maps each source role to its own source and ignores the others', () => {
    expect(sourcesOfRoles(['thirdParty'])).toEqual(['thirdParty']);
    expect(sourcesOfRoles(['inspector', 'viewer'])).toEqual(['inspection']);
    expect(sourcesOfRoles(['office', 'thirdParty'])).toEqual(['survey', 'thirdParty']);
    expect(sourcesOfRoles(['reporter', 'leader'])).toEqual([]);
  });
});

describe('server issue paths', () => {
  it('finds the item index of a value issue and nothing for other paths', () => {
    expect(itemIndexOf('body.values[12].evidenceHash')).toBe(12);
    expect(itemIndexOf('body.values[0]')).toBe(0);
    expect(itemIndexOf('body.source')).toBeUndefined();
  });
  it('encodes each part of the key', () => {
    expect(keyPath('P 1', '2026Q1', '33/01')).toBe('P%201/2026Q1/33%2F01');
  });
});
