import { readFile } from 'node:fs/promises';
import { CliError } from '../cli-error.js';
import { t } from '../localised.js';

/** Reads a whole file, turning the usual failures into a message that names the file. */
export async function readFileOrThrow(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new CliError('file_unreadable', t(`找不到文件：${path}`, `File not found: ${path}`));
    if (code === 'EISDIR')
      throw new CliError(
        'file_unreadable',
        t(`这是一个目录，不是文件：${path}`, `This is a directory, not a file: ${path}`),
      );
    throw new CliError(
      'file_unreadable',
      t(`无法读取文件 ${path}：${String(err)}`, `Cannot read ${path}: ${String(err)}`),
    );
  }
}
