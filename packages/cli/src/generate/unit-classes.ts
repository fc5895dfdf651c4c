/** The unit classes (分类考核) of generated provinces, and how each weighs the five dimensions. */

export const CLASS_CODES = [
  'dept-comprehensive',
  'dept-enforcement',
  'city',
  'county',
  'street',
  'village',
] as const;
export type ClassCode = (typeof CLASS_CODES)[number];

export interface ClassSpec {
  code: ClassCode;
  name: string;
  /**
   * Dimension weights in ten-thousandths (summing to 10000) when the class weighs dimensions differently
   * from the plan; enforcement departments carry more risk weight, villages more service weight.
   */
  dimensionWeights?: readonly [number, number, number, number, number];
}

export const CLASSES: readonly ClassSpec[] = [
  { code: 'dept-comprehensive', name: '综合部门', dimensionWeights: [2500, 2500, 2000, 1500, 1500] },
  { code: 'dept-enforcement', name: '执法部门', dimensionWeights: [2000, 2500, 1000, 1500, 3000] },
  { code: 'city', name: '设区市' },
  { code: 'county', name: '县（市、区）' },
  { code: 'street', name: '乡镇（街道）', dimensionWeights: [1500, 3500, 1000, 2000, 2000] },
  { code: 'village', name: '村（社区）', dimensionWeights: [1000, 3500, 1000, 2500, 2000] },
];

export const ALL: readonly ClassCode[] = CLASS_CODES;
export const DEPTS: readonly ClassCode[] = ['dept-comprehensive', 'dept-enforcement'];
/** Departments and the city and county governments: the bodies that approve, budget and legislate. */
export const GOV: readonly ClassCode[] = [...DEPTS, 'city', 'county'];
export const GOV_STREET: readonly ClassCode[] = [...GOV, 'street'];
export const AREAS: readonly ClassCode[] = ['city', 'county'];
export const GRASSROOTS: readonly ClassCode[] = ['street', 'village'];
