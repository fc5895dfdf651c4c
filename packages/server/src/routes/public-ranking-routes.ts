import type { Locale } from '@xiaoneng/engine';
import Type from 'typebox';
import type { AppContext } from '../app/app-context.js';
import type { AppInstance } from '../app/app-instance.js';
import { negotiateLocale } from '../http/locale.js';
import { IdParams, responses } from '../http/schemas.js';
import { searchRankings } from '../results/ranking-search.js';
import { rankingsXlsx } from '../results/rankings-xlsx.js';
import { resultLegend } from '../results/result-legend.js';
import { publishedSnapshotById } from '../results/snapshot-access.js';
import { RankingPageSchema } from './result-schemas.js';

const SearchQuery = Type.Object(
  {
    class: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    q: Type.Optional(Type.String({ maxLength: 64 })),
    order: Type.Union([Type.Literal('rank'), Type.Literal('name')], { default: 'rank' }),
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 50 }),
    offset: Type.Integer({ minimum: 0, default: 0 }),
  },
  { additionalProperties: false },
);

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Search by name, pinyin order and the Excel download of a published result, for the public portal. */
export function publicRankingRoutes(app: AppInstance, ctx: AppContext): void {
  // Workbooks of published snapshots never change: built once per snapshot and language (one at a time).
  const workbooks = new Map<string, Promise<Buffer>>();

  app.get(
    '/api/public/results/:id/search',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['public'],
        summary:
          'A published ranking filtered by class and by name (or code prefix), by rank or by name in pinyin order',
        params: IdParams,
        querystring: SearchQuery,
        response: responses({ 200: RankingPageSchema }),
      },
    },
    async (request) => {
      const head = await publishedSnapshotById(ctx.db, request.params.id);
      const q = request.query;
      return searchRankings(ctx.db, head.province_code, head.id, {
        order: q.order,
        limit: q.limit,
        offset: q.offset,
        ...(q.class === undefined ? {} : { class: q.class }),
        ...(q.q === undefined ? {} : { q: q.q }),
      });
    },
  );

  app.get(
    '/api/public/results/:id/rankings.xlsx',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['public'],
        summary: 'The whole published ranking as an Excel workbook',
        params: IdParams,
        produces: [XLSX],
        response: responses({ 200: Type.Unknown({ description: 'the workbook' }) }),
      },
    },
    async (request, reply) => {
      const head = await publishedSnapshotById(ctx.db, request.params.id);
      const locale: Locale = negotiateLocale(request.headers['accept-language']);
      const key = `${head.id}\u0000${locale}`;
      let book = workbooks.get(key);
      if (book === undefined) {
        book = (async () => {
          const [legend, all] = await Promise.all([
            resultLegend(ctx.db, head),
            searchRankings(ctx.db, head.province_code, head.id, {
              order: 'rank',
              limit: Number.MAX_SAFE_INTEGER,
              offset: 0,
            }),
          ]);
          return rankingsXlsx(all.items, legend, locale);
        })();
        book.catch(() => workbooks.delete(key));
        if (workbooks.size >= 8) workbooks.delete(workbooks.keys().next().value!);
        workbooks.set(key, book);
      }
      const bytes = await book;
      return reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename="${head.plan_code}-${head.period_code}.xlsx"`)
        .send(bytes);
    },
  );
}
