import ExcelJS from 'exceljs';
import { problem } from '../http/app-error.js';
import { parseCsv } from '../io/csv-text.js';
import { type Charset, decodeUpload } from '../io/decode-upload.js';
import { t } from '../localised.js';

/**
 * The rows of an uploaded table as text: XLSX (first worksheet) when the bytes are a zip, else CSV in UTF-8
 * or GBK. Cells are read as a person sees them; numbers keep their full precision.
 */
export async function readImportTable(
  bytes: Buffer,
  charset?: Charset,
): Promise<{ rows: string[][]; format: 'csv' | 'xlsx'; charset?: Charset }> {
  if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return readXlsx(bytes);
  let decoded: { text: string; charset: Charset };
  try {
    decoded = decodeUpload(bytes, charset);
  } catch {
    throw problem('import_failed', t('文件不是有效的 UTF-8 文本', 'the file is not valid UTF-8 text'));
  }
  const parsed = parseCsv(decoded.text);
  if (!parsed.ok)
    throw problem(
      'import_failed',
      t(`第 ${parsed.row} 行的引号没有闭合`, `the quote opened in row ${parsed.row} is never closed`),
      {
        errors: [
          { path: `file[${parsed.row}]`, row: parsed.row, message: t('引号未闭合', 'unterminated quote') },
        ],
      },
    );
  return { rows: parsed.rows, format: 'csv', charset: decoded.charset };
}

async function readXlsx(bytes: Buffer): Promise<{ rows: string[][]; format: 'xlsx' }> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw problem('import_failed', t('文件不是有效的 XLSX 工作簿', 'the file is not a valid XLSX workbook'));
  }
  const sheet = book.worksheets[0];
  if (sheet === undefined) return { rows: [], format: 'xlsx' };
  const rows: string[][] = [];
  const width = sheet.columnCount;
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value));
    rows.push(cells);
  }
  return { rows, format: 'xlsx' };
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('richText' in v) return v.richText.map((p) => p.text).join('');
    if ('text' in v) return String(v.text);
  }
  return String(v);
}
