/**
 * Working-day arithmetic for the public notice period (公示期). Days are China Standard Time calendar days
 * (UTC+8, no daylight saving); Monday to Friday are working days unless listed in `holidays` (YYYY-MM-DD);
 * `workdays` lists weekend days made working days (调休).
 */
export interface WorkingCalendar {
  holidays?: ReadonlySet<string>;
  workdays?: ReadonlySet<string>;
}

const CST_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

function cstDay(ms: number): string {
  return new Date(ms + CST_OFFSET_MS).toISOString().slice(0, 10);
}

export function isWorkingDay(day: string, calendar: WorkingCalendar = {}): boolean {
  if (calendar.workdays?.has(day)) return true;
  if (calendar.holidays?.has(day)) return false;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * When a notice period of `days` working days that starts the working day after `from` ends: midnight
 * (CST) after its last working day. Published on Monday with 5 days: Tuesday to the next Monday, ending at
 * Tuesday 00:00 CST.
 */
export function noticeEnd(from: Date, days: number, calendar: WorkingCalendar = {}): Date {
  if (!Number.isInteger(days) || days < 1)
    throw new RangeError(`notice days must be a positive integer: ${days}`);
  // Midnight CST at the start of the day of `from`, as a UTC instant.
  let dayStart = Date.parse(`${cstDay(from.getTime())}T00:00:00Z`) - CST_OFFSET_MS;
  let left = days;
  while (left > 0) {
    dayStart += DAY_MS;
    if (isWorkingDay(cstDay(dayStart), calendar)) left--;
  }
  return new Date(dayStart + DAY_MS);
}
