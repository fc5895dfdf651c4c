/** The synthetic province generator behind `xn generate`: demo data and benchmark data. */
export type { GenerateOptions, ResolvedOptions } from './generate-options.js';
export {
  checkGenerateOptions,
  GenerateOptionsError,
  MAX_PERIODS,
  MAX_UNITS,
  resolveGenerateOptions,
} from './generate-options.js';
export type { GeneratedProvince } from './generate-province.js';
export { generateProvince } from './generate-province.js';
export { MAX_INDICATORS } from './indicator-catalog.js';
export { leafWeights, resultShare } from './plan-builder.js';
export type { UnitLevel, UnitRow } from './unit-hierarchy.js';
export type { ValueStats } from './value-generator.js';
export { FILES, writeProvince } from './write-province.js';
