import type { Kysely } from 'kysely';
import { type Act, inTransaction, recordAudit } from '../app/act.js';
import type { Database } from '../db/database.js';
import type { WorkCalendarKind } from '../db/tables/work-calendar-day.table.js';
import { type ProblemIssue, problem } from '../http/app-error.js';
import { t } from '../localised.js';
import { isWorkingDay, type WorkingCalendar } from '../results/working-days.js';

/** A day that breaks the week's rule, as the API shows it. */
export interface CalendarDay {
  day: string;
  kind: WorkCalendarKind;
  name: string | null;
}

/** The listed days of a year, in date order. */
export async function calendarYear(
  db: Kysely<Database>,
  province: string,
  year: number,
): Promise<CalendarDay[]> {
  return db
    .selectFrom('work_calendar_day')
    .select(['day', 'kind', 'name'])
    .where('province_code', '=', province)
    .where('day', '>=', `${year}-01-01`)
    .where('day', '<=', `${year}-12-31`)
    .orderBy('day')
    .execute();
}

/** The calendar between two days (inclusive), for working-day arithmetic such as the notice period. */
export async function workingCalendar(
  db: Kysely<Database>,
  province: string,
  from: string,
  to: string,
): Promise<WorkingCalendar> {
  const rows = await db
    .selectFrom('work_calendar_day')
    .select(['day', 'kind'])
    .where('province_code', '=', province)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .execute();
  return {
    holidays: new Set(rows.filter((r) => r.kind === 'holiday').map((r) => r.day)),
    workdays: new Set(rows.filter((r) => r.kind === 'workday').map((r) => r.day)),
  };
}

/**
 * Replaces a year's listed days (the office enters the State Council's schedule once a year). Every day
 * must be a real date of that year, listed once; a holiday on a weekend or a working day on a weekday says
 * nothing and is refused as a likely typing error. All or nothing, audited with the year before and after.
 */
export function replaceCalendarYear(
  db: Kysely<Database>,
  act: Act,
  year: number,
  days: readonly CalendarDay[],
): Promise<CalendarDay[]> {
  const issues: ProblemIssue[] = [];
  const seen = new Set<string>();
  days.forEach((d, i) => {
    const path = `body.days[${i}].day`;
    if (!isCalendarDate(d.day) || !d.day.startsWith(`${year}-`))
      issues.push({
        path,
        message: t(`“${d.day}”不是 ${year} 年的日期`, `"${d.day}" is not a date of ${year}`),
      });
    else if (seen.has(d.day))
      issues.push({ path, message: t(`${d.day} 重复列出`, `${d.day} is listed twice`) });
    else if (d.kind === 'holiday' && !isWorkingDay(d.day))
      issues.push({
        path,
        message: t(
          `${d.day} 是周末，本就休息，无需列为节假日`,
          `${d.day} is a weekend day: already a day off`,
        ),
      });
    else if (d.kind === 'workday' && isWorkingDay(d.day))
      issues.push({
        path,
        message: t(`${d.day} 是工作日，无需列为调休上班`, `${d.day} is a weekday: already a working day`),
      });
    seen.add(d.day);
  });
  if (issues.length > 0)
    throw problem('validation_failed', t('节假日安排有误', 'the holiday schedule has errors'), {
      errors: issues,
    });
  return inTransaction(db, async (trx) => {
    const before = await calendarYear(trx, act.province, year);
    await trx
      .deleteFrom('work_calendar_day')
      .where('province_code', '=', act.province)
      .where('day', '>=', `${year}-01-01`)
      .where('day', '<=', `${year}-12-31`)
      .execute();
    const sorted = [...days].sort((a, b) => a.day.localeCompare(b.day));
    if (sorted.length > 0)
      await trx
        .insertInto('work_calendar_day')
        .values(sorted.map((d) => ({ province_code: act.province, day: d.day, kind: d.kind, name: d.name })))
        .execute();
    await recordAudit(trx, act, {
      action: 'calendar.replace',
      entity: 'work_calendar',
      entityId: String(year),
      before,
      after: sorted,
    });
    return sorted;
  });
}

function isCalendarDate(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
}
