import type { Selectable } from 'kysely';

export type WorkCalendarKind = 'holiday' | 'workday';

/** A day that breaks the week's rule: a public holiday, or a weekend day worked in exchange (调休). */
export interface WorkCalendarDayTable {
  province_code: string;
  /** YYYY-MM-DD, a China Standard Time calendar day. */
  day: string;
  kind: WorkCalendarKind;
  /** 国庆节, 春节调休… */
  name: string | null;
}

export type WorkCalendarDayRow = Selectable<WorkCalendarDayTable>;
