import { type EngineIssue, type Plan, validatePlan } from '@xiaoneng/engine';
import { CliError } from '../cli-error.js';
import { formatIssue } from '../format-issue.js';
import { t } from '../localised.js';
import { readJsonFile } from './read-json.js';

export interface LoadedPlan {
  plan: Plan;
  /** Warnings the plan passed with; callers print them. */
  warnings: EngineIssue[];
}

/** Reads and validates a plan; a plan with errors is a CliError listing every issue. */
export async function readPlan(path: string): Promise<LoadedPlan> {
  const checked = validatePlan(await readJsonFile(path));
  const errors = checked.issues.filter((i) => i.severity === 'error');
  if (!checked.ok || checked.plan === undefined || errors.length > 0) {
    throw new CliError(
      'plan_invalid',
      t(`方案 ${path} 有 ${errors.length} 个错误：`, `The plan ${path} has ${errors.length} error(s):`),
      checked.issues.map(formatIssue),
    );
  }
  return { plan: checked.plan, warnings: checked.issues.filter((i) => i.severity === 'warning') };
}
