import { t } from '../localised.js';
import type { InputProblems } from './input-problems.js';

export interface ColumnSpec<K extends string> {
  key: K;
  /** Accepted header names, English code name first (used in messages), then Chinese. */
  names: readonly string[];
  required: boolean;
}

/** Column index per key; -1 when an optional column is absent. Undefined when a required column is missing. */
export type ColumnMap<K extends string> = Record<K, number>;

function normalise(h: string): string {
  return h
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase();
}

/**
 * Finds the columns in a header: order is free, extra columns are ignored, names match case-insensitively
 * in English or Chinese. Missing required columns and a column given twice are problems on row 1.
 */
export function mapColumns<K extends string>(
  file: string,
  header: readonly string[],
  specs: readonly ColumnSpec<K>[],
  problems: InputProblems,
): ColumnMap<K> | undefined {
  const at = new Map<string, number[]>();
  header.forEach((h, i) => {
    const n = normalise(h);
    if (n === '') return;
    const list = at.get(n);
    if (list) list.push(i);
    else at.set(n, [i]);
  });
  const map = {} as ColumnMap<K>;
  let ok = true;
  for (const spec of specs) {
    const unique = [...new Set(spec.names.flatMap((n) => at.get(n.toLowerCase()) ?? []))];
    if (unique.length > 1) {
      problems.add(
        file,
        1,
        spec.names[0],
        t(
          `表头中有多个列都表示“${spec.names[0]}”：${unique.map((i) => header[i]).join('、')}`,
          `several header columns mean "${spec.names[0]}": ${unique.map((i) => header[i]).join(', ')}`,
        ),
      );
      ok = false;
    } else if (unique.length === 0) {
      map[spec.key] = -1;
      if (spec.required) {
        problems.add(
          file,
          1,
          spec.names[0],
          t(
            `缺少必需的列“${spec.names[0]}”（也可写作：${spec.names.slice(1).join('、')}）；表头为：${header.join(',')}`,
            `the required column "${spec.names[0]}" is missing (also accepted: ${spec.names.slice(1).join(', ')}); the header is: ${header.join(',')}`,
          ),
        );
        ok = false;
      }
    } else {
      map[spec.key] = unique[0]!;
    }
  }
  return ok ? map : undefined;
}
