import type { LocalisedText } from '@xiaoneng/engine';
import { t } from '../localised.js';

/**
 * The plan as an Excel workbook (方案工作簿): what its sheets and columns are called and what kind of value
 * each column holds. Export and import share this table, so a workbook exported today imports unchanged.
 * Headers read `中文 / english`; an import accepts either half or the whole, in any column order.
 */

export type CellKind =
  | 'text'
  | 'number'
  | 'boolean'
  /** A JSON value in one cell (method parameters, source rules). */
  | 'json'
  /** Texts separated by `;` or `；` (data sources) or by `,` `，` `、` (excluded nodes). */
  | 'list';

export interface ColumnSpec {
  key: string;
  zh: string;
  en: string;
  kind: CellKind;
  required?: boolean;
  /** Characters wide in the exported sheet. */
  width: number;
  help?: LocalisedText;
}

export interface SheetSpec {
  name: string;
  label: LocalisedText;
  columns: readonly ColumnSpec[];
}

const col = (
  key: string,
  zh: string,
  en: string,
  kind: CellKind,
  width: number,
  extra: Partial<ColumnSpec> = {},
): ColumnSpec => ({ key, zh, en, kind, width, ...extra });

export function headerOf(c: ColumnSpec): string {
  return `${c.zh} / ${c.en}`;
}

/** 方案: one row per top-level setting, keyed by its field name in the plan document. */
export const PLAN_SHEET: SheetSpec = {
  name: '方案',
  label: t('方案', 'plan'),
  columns: [
    col('key', '字段', 'field', 'text', 20, { required: true }),
    col('label', '说明', 'label', 'text', 24),
    col('value', '值', 'value', 'text', 60),
  ],
};

export interface SettingSpec {
  key: string;
  label: LocalisedText;
  kind: CellKind;
}

export const PLAN_SETTINGS: readonly SettingSpec[] = [
  { key: 'format', label: t('格式版本', 'format version'), kind: 'number' },
  { key: 'name', label: t('方案名称', 'plan name'), kind: 'text' },
  { key: 'periodType', label: t('考核周期类型', 'period type'), kind: 'text' },
  { key: 'fullMarks', label: t('满分', 'full marks'), kind: 'number' },
  { key: 'bonusCap', label: t('加分合计上限', 'bonus cap'), kind: 'number' },
  { key: 'deductionCap', label: t('扣分合计上限', 'deduction cap'), kind: 'number' },
  { key: 'rankAcrossClasses', label: t('跨类别排名', 'rank across classes'), kind: 'boolean' },
  { key: 'elasticity.min', label: t('弹性系数下限', 'elasticity minimum'), kind: 'number' },
  { key: 'elasticity.max', label: t('弹性系数上限', 'elasticity maximum'), kind: 'number' },
  { key: 'missing', label: t('缺失值处理', 'missing values'), kind: 'text' },
  { key: 'sources', label: t('多源规则（JSON）', 'source rule (JSON)'), kind: 'json' },
  { key: 'grading.tieRule', label: t('名额并列规则', 'quota tie rule'), kind: 'text' },
];

/** 指标体系: one row per node; `tree` names the class whose own tree the row belongs to (blank: the plan's). */
export const TREE_SHEET: SheetSpec = {
  name: '指标体系',
  label: t('指标体系', 'indicator tree'),
  columns: [
    col('tree', '所属类别树', 'class tree', 'text', 12),
    col('code', '代码', 'code', 'text', 16, { required: true }),
    col('name', '名称', 'name', 'text', 30, { required: true }),
    col('parent', '上级代码', 'parent', 'text', 14),
    col('weight', '权重', 'weight', 'number', 9, { required: true }),
    col('kind', '指标类型', 'kind', 'text', 10),
    col('direction', '方向', 'direction', 'text', 10),
    col('formula', '公式', 'formula', 'text', 30),
    col('method', '计分方法', 'method', 'text', 12),
    col('params', '方法参数', 'method parameters', 'json', 30),
    col('unit', '计量单位', 'unit', 'text', 10),
    col('baseline', '基线值', 'baseline', 'number', 10),
    col('target', '目标值', 'target', 'number', 10),
    col('stretch', '挑战值', 'stretch', 'number', 10),
    col('core', '核心指标', 'core', 'boolean', 9),
    col('missing', '缺失值处理', 'missing', 'text', 10),
    col('sources', '多源规则', 'sources', 'json', 24),
    col('dataSources', '数据来源', 'data sources', 'list', 18),
    col('description', '说明', 'description', 'text', 30),
  ],
};

export const ELEMENT_SHEET: SheetSpec = {
  name: '数据元',
  label: t('数据元', 'data elements'),
  columns: [
    col('code', '代码', 'code', 'text', 18, { required: true }),
    col('name', '名称', 'name', 'text', 24, { required: true }),
    col('unit', '计量单位', 'unit', 'text', 10),
    col('rollup', '汇总方式', 'rollup', 'text', 10, { required: true }),
    col('min', '下限', 'min', 'number', 10),
    col('max', '上限', 'max', 'number', 10),
    col('formula', '公式', 'formula', 'text', 30),
    col('help', '填报说明', 'help', 'text', 30),
  ],
};

export const CLASS_SHEET: SheetSpec = {
  name: '单位类别',
  label: t('单位类别', 'unit classes'),
  columns: [
    col('code', '代码', 'code', 'text', 14, { required: true }),
    col('name', '名称', 'name', 'text', 20, { required: true }),
    col('exclude', '不考核的节点', 'excluded nodes', 'list', 30),
  ],
};

/** 类别权重: the weights a class uses instead of its tree's, one row per (class, node). */
export const CLASS_WEIGHT_SHEET: SheetSpec = {
  name: '类别权重',
  label: t('类别权重', 'class weights'),
  columns: [
    col('class', '类别代码', 'class', 'text', 14, { required: true }),
    col('node', '节点代码', 'node', 'text', 16, { required: true }),
    col('weight', '权重', 'weight', 'number', 10, { required: true }),
  ],
};

/** 加分扣分否决: bonus, deduction and veto items; a veto's condition goes in the formula column. */
export const ADJUSTMENT_SHEET: SheetSpec = {
  name: '加分扣分否决',
  label: t('加分扣分否决', 'bonus, deduction, veto'),
  columns: [
    col('type', '类型', 'type', 'text', 12, { required: true }),
    col('code', '代码', 'code', 'text', 14, { required: true }),
    col('name', '名称', 'name', 'text', 24, { required: true }),
    col('formula', '公式或条件', 'formula or condition', 'text', 30, { required: true }),
    col('pointsPer', '每单位分值', 'points per', 'number', 10),
    col('cap', '单项上限', 'cap', 'number', 10),
    col('description', '说明', 'description', 'text', 30),
  ],
};

export const GRADING_SHEET: SheetSpec = {
  name: '等次',
  label: t('等次', 'grading'),
  columns: [
    col('grade', '等次', 'grade', 'text', 8, { required: true }),
    col('min', '最低分', 'minimum', 'number', 10),
    col('label', '名称', 'label', 'text', 12),
    col('quota', '名额比例', 'quota', 'number', 10),
  ],
};

export const SHEETS: readonly SheetSpec[] = [
  PLAN_SHEET,
  TREE_SHEET,
  ELEMENT_SHEET,
  CLASS_SHEET,
  CLASS_WEIGHT_SHEET,
  ADJUSTMENT_SHEET,
  GRADING_SHEET,
];

/** Adjustment types as written in the sheet; the Chinese words are accepted too. */
export const ADJUSTMENT_TYPES: Record<string, 'bonus' | 'deduction' | 'veto'> = {
  bonus: 'bonus',
  deduction: 'deduction',
  veto: 'veto',
  加分: 'bonus',
  扣分: 'deduction',
  否决: 'veto',
  一票否决: 'veto',
};

/** Chinese words people write for the leaves' enumerations, mapped to the document's codes. */
export const ALIASES: Record<string, Record<string, string>> = {
  kind: { 结果: 'result', 结果指标: 'result', 过程: 'process', 过程指标: 'process' },
  direction: { 正向: 'up', 逆向: 'down' },
};

export const WORKBOOK_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
