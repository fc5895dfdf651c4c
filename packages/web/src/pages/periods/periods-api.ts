import { api } from '../../api/client';
import type { PeriodType } from './period-code';

export interface Period {
  code: string;
  type: PeriodType;
  status: 'open' | 'closed';
  /** UTC instant, or null: no deadline. */
  deadline: string | null;
  version: number;
}

export type CalendarKind = 'holiday' | 'workday';

export interface CalendarDay {
  /** YYYY-MM-DD (China Standard Time). */
  day: string;
  kind: CalendarKind;
  name: string | null;
}

export const periodsApi = {
  list: () => api.get<{ items: Period[] }>('/api/periods'),
  create: (body: { code: string; status?: Period['status']; deadline?: string | null }) =>
    api.post<Period>('/api/periods', body),
  update: (code: string, body: { status?: Period['status']; deadline?: string | null; version: number }) =>
    api.put<Period>(`/api/periods/${encodeURIComponent(code)}`, body),
  calendar: (year: number) => api.get<{ year: number; days: CalendarDay[] }>(`/api/calendar/${year}`),
  replaceCalendar: (year: number, days: CalendarDay[]) =>
    api.put<{ year: number; days: CalendarDay[] }>(`/api/calendar/${year}`, { days }),
};
