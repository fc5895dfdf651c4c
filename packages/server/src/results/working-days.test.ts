import { describe, expect, it } from 'vitest';
import { isWorkingDay, noticeEnd } from './working-days.js';

describe('working days', () => {
  it('counts Monday to Friday', () => {
    expect(isWorkingDay('2026-11-23')).toBe(true); // Monday
    expect(isWorkingDay('2026-11-27')).toBe(true); // Friday
    expect(isWorkingDay('2026-11-28')).toBe(false); // Saturday
    expect(isWorkingDay('2026-11-29')).toBe(false); // Sunday
  });

  it('honours holidays and weekend working days (调休)', () => {
    expect(isWorkingDay('2026-10-01', { holidays: new Set(['2026-10-01']) })).toBe(false);
    expect(isWorkingDay('2026-09-27', { workdays: new Set(['2026-09-27']) })).toBe(true);
  });

  it('ends five working days after a Monday at Tuesday 00:00 CST a week later', () => {
    // Monday 10:00 CST: Tue 24, Wed 25, Thu 26, Fri 27, Mon 30 → ends Tue 1 Dec 00:00 CST = 30 Nov 16:00 UTC.
    expect(noticeEnd(new Date('2026-11-23T02:00:00Z'), 5).toISOString()).toBe('2026-11-30T16:00:00.000Z');
  });

  it('reads the day in China Standard Time, not UTC', () => {
    // Sunday 20:00 UTC is already Monday 04:00 CST: counted from Monday as above.
    expect(noticeEnd(new Date('2026-11-22T20:00:00Z'), 5).toISOString()).toBe('2026-11-30T16:00:00.000Z');
  });

  it('skips weekends and holidays when counting from a Friday', () => {
    // Friday 27 Nov: Mon 30, Tue 1 Dec is a holiday, Wed 2 → ends Thu 3 Dec 00:00 CST.
    const end = noticeEnd(new Date('2026-11-27T02:00:00Z'), 2, { holidays: new Set(['2026-12-01']) });
    expect(end.toISOString()).toBe('2026-12-02T16:00:00.000Z');
  });

  it('refuses a notice period that is not a positive whole number of days', () => {
    expect(() => noticeEnd(new Date(), 0)).toThrow(/positive integer/);
    expect(() => noticeEnd(new Date(), 1.5)).toThrow(/positive integer/);
  });
});
