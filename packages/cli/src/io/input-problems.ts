import type { LocalisedText } from '@xiaoneng/engine';
import { CliError } from '../cli-error.js';
import { t } from '../localised.js';

/** Where a problem sits: the file as the user named it, the spreadsheet row (header = 1) and the column. */
export interface InputProblem {
  file: string;
  row?: number;
  column?: string;
  message: LocalisedText;
}

/**
 * Collects problems across a whole input so that a person fixes them in one go instead of one per run;
 * keeps the first `limit` and counts the rest.
 */
export class InputProblems {
  readonly shown: InputProblem[] = [];
  count = 0;
  constructor(readonly limit = 20) {}

  add(file: string, row: number | undefined, column: string | undefined, message: LocalisedText): void {
    this.count++;
    if (this.shown.length < this.limit) {
      const p: InputProblem = { file, message };
      if (row !== undefined) p.row = row;
      if (column !== undefined) p.column = column;
      this.shown.push(p);
    }
  }

  get empty(): boolean {
    return this.count === 0;
  }

  /** The problems shown, file by file (in the order files were read), then by row. */
  sorted(): InputProblem[] {
    const files = [...new Set(this.shown.map((p) => p.file))];
    return this.shown
      .map((p, i) => ({ p, i, f: files.indexOf(p.file) }))
      .sort((a, b) => a.f - b.f || (a.p.row ?? 0) - (b.p.row ?? 0) || a.i - b.i)
      .map((x) => x.p);
  }

  /** Throws a CliError listing the problems, if there are any. */
  throwIfAny(): void {
    if (this.count === 0) return;
    const details = this.sorted().map(formatProblem);
    const more = this.count - this.shown.length;
    if (more > 0) details.push(t(`……另有 ${more} 处问题未列出`, `…and ${more} more`));
    throw new CliError(
      'input_invalid',
      t(
        `输入数据有 ${this.count} 处问题：`,
        `${this.count} problem${this.count === 1 ? '' : 's'} in the input:`,
      ),
      details,
    );
  }
}

export function formatProblem(p: InputProblem): LocalisedText {
  const zh = [p.file];
  const en = [p.file];
  if (p.row !== undefined) {
    zh.push(`第 ${p.row} 行`);
    en.push(`row ${p.row}`);
  }
  if (p.column !== undefined) {
    zh.push(`列“${p.column}”`);
    en.push(`column "${p.column}"`);
  }
  return t(`${zh.join('，')}：${p.message['zh-CN']}`, `${en.join(', ')}: ${p.message.en}`);
}
