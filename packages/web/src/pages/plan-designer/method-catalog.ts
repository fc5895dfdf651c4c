import type { MethodType } from '@xiaoneng/engine';

/** A parameter of a scoring method as its form shows it. */
export interface MethodParam {
  key: string;
  kind: 'number' | 'boolean' | 'bands' | 'points' | 'reference';
  required?: boolean;
  /** Shown as the placeholder: what the engine uses when the field is left empty. */
  fallback?: number | string;
  zh: string;
  en: string;
  helpZh: string;
  helpEn: string;
}

export interface MethodSpec {
  type: MethodType;
  zh: string;
  en: string;
  helpZh: string;
  helpEn: string;
  params: MethodParam[];
  /** Leaf fields the method reads: required ones must be set, optional ones may be. */
  needs: { target?: 'required' | 'optional'; baseline?: 'required'; stretch?: 'optional' };
  /** A new method of this type starts from these parameters, so that it is valid at once. */
  initial: Record<string, unknown>;
}

const cap: MethodParam = {
  key: 'cap',
  kind: 'number',
  fallback: 1,
  zh: '封顶倍数',
  en: 'Cap',
  helpZh: '最多可得满分的几倍，≥ 1；1.1 即最多 110%',
  helpEn: 'The most a leaf may earn as a multiple of its full points, ≥ 1; 1.1 means up to 110%',
};
const outOf: MethodParam = {
  key: 'outOf',
  kind: 'number',
  required: true,
  zh: '档次满分',
  en: 'Out of',
  helpZh: '档次分值的满分，得分比例 = 档次分值 / 档次满分',
  helpEn: 'Full points of the scale; the fraction is points / out of',
};
const otherwise: MethodParam = {
  key: 'otherwise',
  kind: 'number',
  fallback: 0,
  zh: '未达任何档次的分值',
  en: 'Points when no band applies',
  helpZh: '都不满足时的分值，默认 0',
  helpEn: 'Points when no band applies; 0 by default',
};

/** Every scoring method of docs/plan-format.md with its parameters and help, in both languages. */
export const METHODS: readonly MethodSpec[] = [
  {
    type: 'target',
    zh: '目标完成率',
    en: 'Achievement ratio',
    helpZh: '正向：值 / 目标值；逆向：目标值 / 值；限于 0 至封顶倍数',
    helpEn: 'up: value / target; down: target / value; kept within 0 … cap',
    params: [cap],
    needs: { target: 'required' },
    initial: {},
  },
  {
    type: 'linear',
    zh: '线性插值',
    en: 'Linear',
    helpZh: '基线值得 0、目标值得满分，之间线性；设挑战值时目标值至挑战值对应 1 至封顶倍数',
    helpEn:
      'The baseline scores 0 and the target full points, linear between; a stretch value maps target … stretch to 1 … cap',
    params: [cap],
    needs: { baseline: 'required', target: 'required', stretch: 'optional' },
    initial: {},
  },
  {
    type: 'minmax',
    zh: '极差标准化',
    en: 'Min–max',
    helpZh: '同类单位中最差得 0、最好得满分，之间线性',
    helpEn: 'Within the class the worst scores 0 and the best full points, linear between',
    params: [],
    needs: {},
    initial: {},
  },
  {
    type: 'zscore',
    zh: '标准分',
    en: 'z-score',
    helpZh: '(值 − 同类均值) / 标准差，±跨度 线性对应 0 至 1',
    helpEn: '(value − class mean) / SD, with ±span mapped linearly to 0 … 1',
    params: [
      {
        key: 'span',
        kind: 'number',
        fallback: 3,
        zh: '跨度',
        en: 'Span',
        helpZh: '几个标准差对应满分与零分，默认 3',
        helpEn: 'How many SDs map to full and zero points; 3 by default',
      },
    ],
    needs: {},
    initial: {},
  },
  {
    type: 'rank',
    zh: '名次比例',
    en: 'Rank',
    helpZh: '(n − 名次) / (n − 1)：第 1 名满分、最后一名 0',
    helpEn: '(n − rank) / (n − 1): the first gets full points, the last none',
    params: [],
    needs: {},
    initial: {},
  },
  {
    type: 'frontier',
    zh: '最优比例',
    en: 'Best in class',
    helpZh: '第 1 名得满分，其余按与最优值的比例',
    helpEn: 'The best gets full points, the others in proportion to the best',
    params: [],
    needs: {},
    initial: {},
  },
  {
    type: 'bands',
    zh: '分档计分',
    en: 'Bands',
    helpZh: '从好到差列出档次，取第一个满足的档次的分值',
    helpEn: 'Bands listed best first; the first band the value reaches gives the points',
    params: [
      outOf,
      {
        key: 'bands',
        kind: 'bands',
        required: true,
        zh: '档次',
        en: 'Bands',
        helpZh: '正向写“不低于”，逆向写“不高于”，界须从好到差严格排列',
        helpEn: 'At least (up) or at most (down), strictly best first',
      },
      otherwise,
    ],
    needs: {},
    initial: { outOf: 10, bands: [{ points: 10 }] },
  },
  {
    type: 'anchored',
    zh: '行为锚定',
    en: 'Behaviour-anchored',
    helpZh: '同分档计分，每档带文字描述',
    helpEn: 'Like bands, each level with a description',
    params: [
      outOf,
      {
        key: 'levels',
        kind: 'bands',
        required: true,
        zh: '锚定档次',
        en: 'Levels',
        helpZh: '每档的界、分值和描述，从好到差',
        helpEn: 'Bound, points and description of each level, best first',
      },
      otherwise,
    ],
    needs: {},
    initial: { outOf: 5, levels: [{ points: 5, label: '' }] },
  },
  {
    type: 'binary',
    zh: '达标与否',
    en: 'Met or not',
    helpZh: '有目标值：达到得满分否则 0；无目标值：非 0 得满分',
    helpEn: 'With a target: full points when reached, else 0; without: full points when non-zero',
    params: [],
    needs: { target: 'optional' },
    initial: {},
  },
  {
    type: 'rankPoints',
    zh: '按名次赋分',
    en: 'Points by rank',
    helpZh: '第 r 名得第 r 个分值，如 60、57、54、51、48',
    helpEn: 'Rank r gets the r-th points, e.g. 60, 57, 54, 51, 48',
    params: [
      {
        key: 'points',
        kind: 'points',
        required: true,
        zh: '各名次分值',
        en: 'Points by rank',
        helpZh: '用逗号分隔，不得递增',
        helpEn: 'Separated by commas, never increasing',
      },
      {
        key: 'rest',
        kind: 'number',
        fallback: 0,
        zh: '其余名次分值',
        en: 'Points for the rest',
        helpZh: '名次超出列表时的分值，默认 0',
        helpEn: 'Points beyond the list; 0 by default',
      },
      {
        key: 'outOf',
        kind: 'number',
        zh: '满分',
        en: 'Out of',
        helpZh: '默认为第一个分值',
        helpEn: 'The first points by default',
      },
    ],
    needs: {},
    initial: { points: [10, 8, 6] },
  },
  {
    type: 'deviation',
    zh: '偏离扣分',
    en: 'Deviation',
    helpZh: '不利一侧每偏离参照值“每步”扣“扣分”，如每超平均年龄 1 岁扣 0.5 分',
    helpEn:
      'Deducts per step of deviation on the unfavourable side, e.g. 0.5 points per year above the mean age',
    params: [
      outOf,
      {
        key: 'reference',
        kind: 'reference',
        required: true,
        zh: '参照值',
        en: 'Reference',
        helpZh: '一个数，或同类平均值',
        helpEn: 'A number, or the class mean',
      },
      {
        key: 'per',
        kind: 'number',
        required: true,
        zh: '每步',
        en: 'Per',
        helpZh: '偏离多少算一步，> 0',
        helpEn: 'How much deviation makes one step, > 0',
      },
      {
        key: 'deduct',
        kind: 'number',
        required: true,
        zh: '每步扣分',
        en: 'Deduct',
        helpZh: '每步扣的分值，> 0',
        helpEn: 'Points deducted per step, > 0',
      },
      {
        key: 'stepwise',
        kind: 'boolean',
        zh: '只数整步',
        en: 'Whole steps only',
        helpZh: '勾选后不足一步不扣分',
        helpEn: 'When ticked, part of a step deducts nothing',
      },
    ],
    needs: {},
    initial: { outOf: 5, reference: 'classMean', per: 1, deduct: 0.5 },
  },
];

export function methodSpec(type: string): MethodSpec | undefined {
  return METHODS.find((m) => m.type === type);
}
