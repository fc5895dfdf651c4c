import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CliError } from '../cli-error.js';
import { t } from '../localised.js';

/**
 * Produces an output file through a temporary file in the same directory and renames it into place, so
 * that a failure half-way (bad input found late, disk full, Ctrl-C) never leaves a partial file that looks
 * like a result.
 */
export async function writeAtomic(path: string, produce: (tmpPath: string) => Promise<void>): Promise<void> {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await mkdir(dir, { recursive: true });
    await produce(tmp);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    if (err instanceof CliError) throw err;
    throw new CliError(
      'output_unwritable',
      t(`无法写入 ${path}：${String(err)}`, `Cannot write ${path}: ${String(err)}`),
    );
  }
}

export function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  return writeAtomic(path, (tmp) => writeFile(tmp, data));
}
