import Type from 'typebox';
import type { AppContext } from '../app/app-context.js';
import type { AppInstance } from '../app/app-instance.js';
import { actOf, principalOf } from '../http/request-principal.js';
import { Nullable, responses } from '../http/schemas.js';
import { calendarYear, replaceCalendarYear } from '../periods/work-calendar.js';

const DaySchema = Type.Object(
  {
    day: Type.String({
      pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$',
      description: 'YYYY-MM-DD (China Standard Time)',
    }),
    kind: Type.Union([Type.Literal('holiday'), Type.Literal('workday')], {
      description: 'holiday: a weekday off (法定节假日); workday: a weekend day worked (调休上班)',
    }),
    name: Nullable(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);
const YearSchema = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) });
const CalendarSchema = Type.Object({ year: Type.Integer(), days: Type.Array(DaySchema) });

/** 节假日安排: the working-day calendar the notice period (公示期) and deadlines count in. */
export function calendarRoutes(app: AppInstance, ctx: AppContext): void {
  app.get(
    '/api/calendar/:year',
    {
      config: { permission: 'periods.read' },
      schema: {
        tags: ['periods'],
        summary: "A year's public holidays and weekend working days (other days follow the week)",
        params: YearSchema,
        response: responses({ 200: CalendarSchema }),
      },
    },
    async (request) => ({
      year: request.params.year,
      days: await calendarYear(ctx.db, principalOf(request).province, request.params.year),
    }),
  );

  app.put(
    '/api/calendar/:year',
    {
      config: { permission: 'periods.write' },
      schema: {
        tags: ['periods'],
        summary: "Replace a year's public holidays and weekend working days",
        params: YearSchema,
        body: Type.Object(
          { days: Type.Array(DaySchema, { maxItems: 366 }) },
          { additionalProperties: false },
        ),
        response: responses({ 200: CalendarSchema }),
      },
    },
    async (request) => ({
      year: request.params.year,
      days: await replaceCalendarYear(ctx.db, actOf(ctx, request), request.params.year, request.body.days),
    }),
  );
}
