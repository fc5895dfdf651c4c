/**
 * @module @xiaoneng/engine
 * The scoring engine of xiaoneng: plan model and validation, formula language, normalisation, aggregation,
 * ranking, grading, explanations, sensitivity analysis and inflation checks. Pure: no I/O, no clock, no
 * unseeded randomness.
 */

export { EngineError } from './engine-error.js';
export type {
  ExplainedAdjustment,
  ExplainedLeaf,
  ExplainedNode,
  ExplainOptions,
  Explanation,
} from './explain.js';
export { explain, gradeName, renderExplanation } from './explain.js';
export type { BinaryOp, ComparisonOp, Expr, FunctionName, Shift, UnaryOp } from './formula/ast.js';
export { MAX_FORMULA_DEPTH, MAX_FORMULA_LENGTH } from './formula/ast.js';
export { checkFormula } from './formula/check.js';
export type { CompiledFormula, FormulaContext } from './formula/compile.js';
export { compileFormula } from './formula/compile.js';
export { evaluateFormula } from './formula/evaluate.js';
export type { FormulaError, FormulaErrorCode } from './formula/formula-error.js';
export { FormulaSyntaxError } from './formula/formula-error.js';
export type { FormulaReference, ParseResult } from './formula/parser.js';
export { parseFormula, parseFormulaOrThrow } from './formula/parser.js';
export { printFormula } from './formula/printer.js';
export { exprReferences, formulaReferences } from './formula/references.js';
export type { InflationOptions, InflationReport, UnitInflation } from './inflation.js';
export { inflationCheck } from './inflation.js';
export type { EngineIssue, Locale, LocalisedText } from './localised.js';
export { LOCALES, pathToString } from './localised.js';
export type { Period } from './period.js';
export { parsePeriod, previousPeriod, sameLastYear, shiftPeriod } from './period.js';
export type {
  AdjustmentItem,
  Band,
  DataElement,
  Grade,
  GradeThreshold,
  Grading,
  GroupNode,
  IndicatorNode,
  LeafNode,
  MethodType,
  MissingPolicy,
  PeriodType,
  Plan,
  Rollup,
  ScoringMethod,
  Source,
  SourceRule,
  UnitClass,
  VetoItem,
} from './plan.js';
export { DEFAULT_ELASTICITY, DEFAULT_SOURCE_RULE, GRADES, isLeaf, SOURCES } from './plan.js';
export type { PlanIssueCode } from './plan-messages.js';
export { planJsonSchema, planSchema } from './plan-schema.js';
export type {
  ClassLeafStats,
  FlagName,
  InputColumn,
  NodeInfo,
  NodeResult,
  ResultSet,
  UnitFlagName,
  UnitInfo,
  UnitResult,
} from './result.js';
export { cell, FLAG, flagNames, pointsAt, UNIT_FLAG, unitFlagNames } from './result.js';
export type { ScoreOptions } from './score.js';
export { safeScore, score } from './score.js';
export type { SensitivityOptions, SensitivityResult, UnitSensitivity } from './sensitivity.js';
export { sensitivity } from './sensitivity.js';
export type { ParallelOptions } from './sensitivity-parallel.js';
export { sensitivityParallel } from './sensitivity-parallel.js';
export type { Unit } from './unit.js';
export { dimensionCodes, unitIndexOf, unitResult } from './unit-result.js';
export type { PlanValidation } from './validate-plan.js';
export { assertValidPlan, PlanValidationError, validatePlan } from './validate-plan.js';
export type { DataValue, ValueTable } from './value-table.js';
export { SOURCE_INDEX, ValueTableBuilder, valueAt, valueTable } from './value-table.js';
