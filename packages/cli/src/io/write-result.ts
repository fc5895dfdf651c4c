import { closeSync, openSync, writeSync } from 'node:fs';
import { extname } from 'node:path';
import type { Locale, ResultSet } from '@xiaoneng/engine';
import { CliError } from '../cli-error.js';
import { t } from '../localised.js';
import type { ProgressFactory } from '../progress.js';
import { writePlainJson } from './result-json.js';
import { writeAtomic, writeFileAtomic } from './write-atomic.js';
import { resultCsv } from './write-result-csv.js';
import { writeResultXlsx } from './write-result-xlsx.js';

export const RESULT_FORMATS = ['.csv', '.json', '.xlsx'] as const;

export function checkResultPath(path: string): void {
  const ext = extname(path).toLowerCase();
  if (!(RESULT_FORMATS as readonly string[]).includes(ext))
    throw new CliError(
      'usage',
      t(
        `无法识别输出文件类型“${path}”：扩展名应为 .csv、.json 或 .xlsx`,
        `Cannot tell the output format of "${path}": use a .csv, .json or .xlsx extension`,
      ),
    );
}

/** Writes a result set in the format the file extension names; never leaves a partial file. */
export async function writeResult(
  path: string,
  rs: ResultSet,
  options: { locale: Locale; bom?: boolean; bars?: ProgressFactory },
): Promise<void> {
  checkResultPath(path);
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return writeFileAtomic(path, (options.bom ? '\uFEFF' : '') + resultCsv(rs));
  if (ext === '.json')
    return writeAtomic(path, async (tmp) => {
      const fd = openSync(tmp, 'w');
      try {
        writePlainJson(rs, (chunk) => writeSync(fd, chunk));
        writeSync(fd, '\n');
      } finally {
        closeSync(fd);
      }
    });
  return writeResultXlsx(path, rs, options.locale, options.bars);
}
