import { DEFAULT_ELASTICITY, type Plan, type Unit } from '@xiaoneng/engine';
import { t } from '../localised.js';
import type { Encoding } from './decode-text.js';
import type { InputProblems } from './input-problems.js';
import { fastNumber, parseNumberText } from './parse-number.js';
import { readTable } from './read-table.js';
import { type ColumnSpec, mapColumns } from './table-columns.js';

/** A unit as read from the units file; `level` (层级) is carried for people, the engine does not use it. */
export interface UnitRecord extends Unit {
  level?: string;
}

type UnitColumn = 'code' | 'name' | 'class' | 'parent' | 'level' | 'elasticity';

export const UNIT_COLUMNS: readonly ColumnSpec<UnitColumn>[] = [
  { key: 'code', names: ['code', '单位代码', 'unit', '代码'], required: true },
  { key: 'name', names: ['name', '单位名称', '名称'], required: true },
  { key: 'class', names: ['class', '类别', '单位类别'], required: true },
  { key: 'parent', names: ['parent', '上级', '上级单位', '上级代码'], required: false },
  { key: 'level', names: ['level', '层级'], required: false },
  { key: 'elasticity', names: ['elasticity', '弹性系数'], required: false },
];

/**
 * Reads the units file (考核对象). Checks what needs the file's rows to be useful to a person: a code and a
 * name on every row, no code twice, a class the plan knows (by code or by name), an elasticity coefficient
 * within the plan's bounds.
 */
export async function readUnits(
  path: string,
  plan: Plan,
  options: { encoding?: Encoding },
  problems: InputProblems,
): Promise<UnitRecord[]> {
  const units: UnitRecord[] = [];
  const rowOf = new Map<string, number>();
  const classByKey = new Map<string, string>();
  for (const c of plan.classes) classByKey.set(c.code, c.code);
  for (const c of plan.classes) if (!classByKey.has(c.name)) classByKey.set(c.name, c.code);
  const bounds = plan.elasticity ?? DEFAULT_ELASTICITY;
  const classList = plan.classes.map((c) => `${c.code}（${c.name}）`).join('、');
  const classListEn = plan.classes.map((c) => `${c.code} (${c.name})`).join(', ');

  await readTable(path, options, problems, (header) => {
    const col = mapColumns(path, header, UNIT_COLUMNS, problems);
    if (!col) return undefined;
    const name = (k: UnitColumn) => header[col[k]]!;
    return (r) => {
      const row = r.row;
      const code = r.text(col.code).trim();
      const unitName = r.text(col.name).trim();
      const cls = r.text(col.class).trim();
      let bad = false;
      if (code === '') {
        problems.add(path, row, name('code'), t('单位代码为空', 'the unit code is empty'));
        bad = true;
      } else {
        const first = rowOf.get(code);
        if (first !== undefined) {
          problems.add(
            path,
            row,
            name('code'),
            t(
              `单位代码 ${code} 重复（第 ${first} 行已出现）`,
              `unit code ${code} appears twice (first on row ${first})`,
            ),
          );
          bad = true;
        } else rowOf.set(code, row);
      }
      if (unitName === '') {
        problems.add(path, row, name('name'), t('单位名称为空', 'the unit name is empty'));
        bad = true;
      }
      const classCode = classByKey.get(cls);
      if (classCode === undefined) {
        problems.add(
          path,
          row,
          name('class'),
          cls === ''
            ? t(
                `单位类别为空；方案中的类别有：${classList}`,
                `the unit class is empty; the plan's classes are: ${classListEn}`,
              )
            : t(
                `方案中没有单位类别“${cls}”；方案中的类别有：${classList}`,
                `the plan has no unit class "${cls}"; its classes are: ${classListEn}`,
              ),
        );
        bad = true;
      }
      let elasticity: number | undefined;
      if (col.elasticity >= 0) {
        const raw = r.text(col.elasticity).trim();
        if (raw !== '') {
          let v = fastNumber(raw);
          if (Number.isNaN(v)) {
            const parsed = parseNumberText(raw);
            if (parsed.ok) v = parsed.value;
            else {
              problems.add(path, row, name('elasticity'), parsed.reason);
              bad = true;
            }
          }
          if (!Number.isNaN(v)) {
            if (v < bounds.min || v > bounds.max) {
              problems.add(
                path,
                row,
                name('elasticity'),
                t(
                  `弹性系数 ${raw} 超出方案允许的范围 ${bounds.min}–${bounds.max}`,
                  `elasticity coefficient ${raw} is outside the plan's bounds ${bounds.min}–${bounds.max}`,
                ),
              );
              bad = true;
            } else elasticity = v;
          }
        }
      }
      if (bad) return;
      const unit: UnitRecord = { code, name: unitName, class: classCode! };
      if (col.parent >= 0) {
        const parent = r.text(col.parent).trim();
        if (parent !== '') unit.parent = parent;
      }
      if (col.level >= 0) {
        const level = r.text(col.level).trim();
        if (level !== '') unit.level = level;
      }
      if (elasticity !== undefined) unit.elasticity = elasticity;
      units.push(unit);
    };
  });
  return units;
}
