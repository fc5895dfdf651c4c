import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { Principal } from '../auth/principal.js';
import { unitCodesInScope, unitScopeOf } from '../auth/row-scope.js';
import type { Database } from '../db/database.js';
import { writeCsv } from '../io/csv-text.js';
import { type Charset, encodeText } from '../io/decode-upload.js';
import { getPeriod } from '../periods/period-service.js';
import { publishedPlan } from '../plans/plan-repository.js';
import { elementHeader, reportedElements, UNIT_CODE_HEADER, UNIT_NAME_HEADER } from './import-columns.js';

export type TemplateFormat = 'csv' | 'xlsx';

export interface Template {
  fileName: string;
  mediaType: string;
  content: Buffer;
}

/**
 * The import template of one plan version and period: a header row in Chinese (unit code, unit name, one
 * column per reported element named `名称（code）`) and a row per active unit in the caller's scope.
 */
export async function importTemplate(
  db: Kysely<Database>,
  principal: Principal,
  planCode: string,
  periodCode: string,
  options: { format: TemplateFormat; charset: Charset; version?: number },
): Promise<Template> {
  const province = principal.province;
  await getPeriod(db, province, periodCode);
  const { number, plan } = await publishedPlan(db, province, planCode, options.version);
  const codes = await unitCodesInScope(db, unitScopeOf(principal));
  let q = db
    .selectFrom('unit')
    .select(['code', 'name'])
    .where('province_code', '=', province)
    .where('disabled', '=', 0);
  if (codes !== 'all') q = codes.length === 0 ? q.where('code', '=', '\u0000') : q.where('code', 'in', codes);
  const units = await q.orderBy('code').execute();
  const elements = reportedElements(plan);
  const header = [UNIT_CODE_HEADER, UNIT_NAME_HEADER, ...elements.map(elementHeader)];
  const rows = units.map((u) => [u.code, u.name, ...elements.map(() => null)]);
  const base = `${planCode}-v${number}-${periodCode}`;
  if (options.format === 'csv')
    return {
      fileName: `${base}.csv`,
      mediaType: `text/csv; charset=${options.charset === 'gbk' ? 'gbk' : 'utf-8'}`,
      content: encodeText(writeCsv([header, ...rows]), options.charset),
    };
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(periodCode);
  sheet.addRow(header).font = { bold: true };
  for (const r of rows) sheet.addRow(r);
  sheet.getColumn(1).numFmt = '@'; // codes are text: keep leading zeros
  sheet.views = [{ state: 'frozen', xSplit: 2, ySplit: 1 }];
  return {
    fileName: `${base}.xlsx`,
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    content: Buffer.from(await book.xlsx.writeBuffer()),
  };
}
