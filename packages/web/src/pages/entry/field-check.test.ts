import { describe, expect, it } from 'vitest';
import { flagsOf, parseNumber } from './field-check';

describe('parseNumber', () => {
  it('reads numbers as people type them', () => {
    expect(parseNumber('')).toEqual({ kind: 'empty' });
    expect(parseNumber('  ')).toEqual({ kind: 'empty' });
    expect(parseNumber('42')).toEqual({ kind: 'number', value: 42 });
    expect(parseNumber(' -3.5 ')).toEqual({ kind: 'number', value: -3.5 });
    expect(parseNumber('1,234.5')).toEqual({ kind: 'number', value: 1234.5 });
    expect(parseNumber('1，234')).toEqual({ kind: 'number', value: 1234 });
    expect(parseNumber('.5')).toEqual({ kind: 'number', value: 0.5 });
    expect(parseNumber('2e3')).toEqual({ kind: 'number', value: 2000 });
  });

  it('refuses what is not a number', () => {
    expect(parseNumber('abc')).toEqual({ kind: 'invalid' });
    expect(parseNumber('12a')).toEqual({ kind: 'invalid' });
    expect(parseNumber('1.2.3')).toEqual({ kind: 'invalid' });
    expect(parseNumber('-')).toEqual({ kind: 'invalid' });
    expect(parseNumber('Infinity')).toEqual({ kind: 'invalid' });
    expect(parseNumber('1e999')).toEqual({ kind: 'invalid' });
  });
});

describe('flagsOf', () => {
  const range = { min: 0, max: 100 };
  it('flags values outside the range and jumps of more than half', () => {
    expect(flagsOf(range, 50, null)).toEqual([]);
    expect(flagsOf(range, -1, null)).toEqual(['below_min']);
    expect(flagsOf(range, 120, 80)).toEqual(['above_max']); // +50% exactly is not a jump
    expect(flagsOf(range, 121, 80)).toEqual(['above_max', 'jump']); // +51.25%
    expect(flagsOf(range, 39, 80)).toEqual(['jump']); // −51.25%
    expect(flagsOf({ min: null, max: null }, 5, 0)).toEqual(['jump']); // any change from zero
    expect(flagsOf({ min: null, max: null }, 0, 0)).toEqual([]);
    expect(flagsOf(range, 0, null)).toEqual([]);
    expect(flagsOf(range, 100, null)).toEqual([]);
  });
});
