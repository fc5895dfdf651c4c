import { extname } from 'node:path';
import { CliError } from '../cli-error.js';
import { t } from '../localised.js';
import { CsvRow, parseCsv } from './csv-parser.js';
import { decodeText, type Encoding } from './decode-text.js';
import type { InputProblems } from './input-problems.js';
import { readFileOrThrow } from './read-file.js';

/**
 * Receives the data rows of a table. The row object is reused between calls; it has at least as many
 * fields as the header (rows with fewer are reported and never reach the consumer).
 */
export type RowConsumer = (row: CsvRow) => void;

export interface ReadTableOptions {
  encoding?: Encoding;
  /** Told the number of lines before rows arrive, for a progress bar; costs a scan, so only when asked. */
  onSize?: (lines: number) => void;
}

/**
 * Reads a CSV (or TSV) or an .xlsx file as a header and rows, reporting structural problems (bad quoting,
 * wrong number of fields) to `problems`. `onHeader` maps the header's columns and returns the consumer of
 * the rows, or undefined to skip them (e.g. when a required column is missing).
 */
export async function readTable(
  path: string,
  options: ReadTableOptions,
  problems: InputProblems,
  onHeader: (header: string[]) => RowConsumer | undefined,
): Promise<void> {
  const ext = extname(path).toLowerCase();
  if (ext === '.xls' || ext === '.et')
    throw new CliError(
      'usage',
      t(
        `${path}：不支持旧版 Excel 格式（.xls），请另存为 .xlsx 或 CSV`,
        `${path}: the old Excel format (.xls) is not supported; save it as .xlsx or CSV`,
      ),
    );
  const buf = await readFileOrThrow(path);
  if (ext === '.xlsx') return readXlsxTable(path, buf, problems, onHeader, options.onSize);
  const text = await decodeText(buf, options.encoding);
  if (options.onSize) options.onSize(countLines(text));
  readCsvTable(path, text, ext === '.tsv' ? '\t' : ',', problems, onHeader);
}

export function readCsvTable(
  path: string,
  text: string,
  delimiter: string,
  problems: InputProblems,
  onHeader: (header: string[]) => RowConsumer | undefined,
): void {
  let width = -1;
  let consumer: RowConsumer | undefined;
  parseCsv(
    text,
    {
      record(rec) {
        if (width < 0) {
          width = rec.count;
          consumer = onHeader(rec.texts());
          return;
        }
        if (consumer === undefined) return;
        const count = rec.count;
        if (count < width || (count > width && !restEmpty(rec.texts(), width, count))) {
          problems.add(path, rec.row, undefined, fieldCountMessage(count, width));
          return;
        }
        consumer(rec);
      },
      error(kind, row, field) {
        if (width < 0) width = 0;
        problems.add(
          path,
          row,
          undefined,
          kind === 'unterminated_quote'
            ? t(
                `第 ${field + 1} 个字段的引号没有闭合（从这里到文件末尾都被当成了这个字段）`,
                `the quote that opens field ${field + 1} is never closed (everything up to the end of the file would be this one field)`,
              )
            : t(
                `第 ${field + 1} 个字段在闭合引号之后还有其他字符；字段内的引号要写成两个（""）`,
                `field ${field + 1} has text after its closing quote; a quote inside a field must be doubled ("")`,
              ),
        );
      },
    },
    delimiter,
  );
  if (width < 0)
    problems.add(
      path,
      1,
      undefined,
      t('文件是空的，缺少表头行', 'the file is empty; a header row is required'),
    );
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function restEmpty(fields: string[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (fields[i]!.trim() !== '') return false;
  return true;
}

function fieldCountMessage(count: number, width: number) {
  return t(
    `该行有 ${count} 个字段，而表头有 ${width} 列（是否漏了分隔符，或字段里的逗号没有加引号？）`,
    `this row has ${count} field${count === 1 ? '' : 's'} but the header has ${width} columns (a missing separator, or a comma inside an unquoted field?)`,
  );
}

async function readXlsxTable(
  path: string,
  buf: Buffer,
  problems: InputProblems,
  onHeader: (header: string[]) => RowConsumer | undefined,
  onSize?: (lines: number) => void,
): Promise<void> {
  // Loaded on demand: exceljs takes most of a second to import.
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch (err) {
    throw new CliError(
      'file_unreadable',
      t(`${path} 不是有效的 .xlsx 文件：${String(err)}`, `${path} is not a valid .xlsx file: ${String(err)}`),
    );
  }
  const ws = wb.worksheets[0];
  if (ws && onSize) onSize(ws.rowCount);
  let width = -1;
  let consumer: RowConsumer | undefined;
  const rec = new CsvRow();
  ws?.eachRow({ includeEmpty: false }, (r, rowNumber) => {
    const values = r.values as unknown[];
    const fields: string[] = [];
    for (let c = 1; c < values.length; c++) fields.push(cellText(values[c]));
    if (fields.every((f) => f.trim() === '')) return;
    if (width < 0) {
      // Trailing empty header cells are formatting, not columns.
      while (fields.length > 0 && fields[fields.length - 1]!.trim() === '') fields.pop();
      width = fields.length;
      consumer = onHeader(fields);
      return;
    }
    if (consumer === undefined) return;
    if (fields.length > width && !restEmpty(fields, width, fields.length)) {
      problems.add(path, rowNumber, undefined, fieldCountMessage(fields.length, width));
      return;
    }
    while (fields.length < width) fields.push('');
    rec.setTexts(fields, fields.length, rowNumber);
    consumer(rec);
  });
  if (width < 0)
    problems.add(
      path,
      1,
      undefined,
      t('第一个工作表是空的，缺少表头行', 'the first worksheet is empty; a header row is required'),
    );
}

/** A cell as the text a person sees in it (formulas: their cached result). */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return o.richText.map((p: { text: string }) => p.text).join('');
    if ('result' in o || 'formula' in o || 'sharedFormula' in o) return cellText(o.result);
    if (typeof o.text === 'string') return o.text;
    if (typeof o.error === 'string') return o.error;
  }
  return String(v);
}
