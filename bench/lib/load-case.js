import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SOURCE_INDEX, ValueTableBuilder } from '@xiaoneng/engine';
import { csvRecords } from './csv.js';

/**
 * @typedef {import('@xiaoneng/engine').Plan} Plan
 * @typedef {import('@xiaoneng/engine').Unit} Unit
 * @typedef {import('@xiaoneng/engine').ValueTable} ValueTable
 * @typedef {{ plan: string, units: string, values: string }} CaseFiles
 */

/** @param {string} dir @returns {CaseFiles} the files `xn generate` writes into `dir` */
export function caseFiles(dir) {
  return { plan: join(dir, 'plan.json'), units: join(dir, 'units.csv'), values: join(dir, 'values.csv') };
}

/**
 * Loads a generated case into memory for timing `score()` alone. Only what `xn generate` writes is read
 * here (plain codes and numbers, code-named sources); `xn score` has the full, forgiving readers.
 *
 * @param {CaseFiles} files
 * @returns {Promise<{ plan: Plan, units: Unit[], values: ValueTable }>}
 */
export async function loadCase(files) {
  const plan = JSON.parse(await readFile(files.plan, 'utf8'));
  const units = csvRecords(await readFile(files.units, 'utf8')).records.map((r) => {
    /** @type {Unit} */
    const u = { code: r.code ?? '', name: r.name ?? '', class: r.class ?? '' };
    if (r.parent) u.parent = r.parent;
    if (r.elasticity) u.elasticity = Number(r.elasticity);
    return u;
  });
  const builder = new ValueTableBuilder(1 << 20);
  for (const u of units) builder.unitId(u.code);
  const text = await readFile(files.values, 'utf8');
  let at = text.indexOf('\n') + 1;
  if (text.slice(0, at).trim() !== 'unit,element,period,source,value') {
    throw new Error(`${files.values}: expected the header unit,element,period,source,value`);
  }
  while (at < text.length) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    const line = text.slice(at, end);
    at = end + 1;
    if (line === '') continue;
    const [unit, element, period, source, value] = line.split(',');
    const s = SOURCE_INDEX[/** @type {keyof typeof SOURCE_INDEX} */ (source)];
    if (value === undefined || s === undefined || value.includes('"')) {
      throw new Error(`${files.values}: cannot read the line ${JSON.stringify(line)}`);
    }
    if (value === '') continue;
    builder.add(unit ?? '', element ?? '', period ?? '', /** @type {any} */ (source), Number(value));
  }
  return { plan, units, values: builder.build() };
}
