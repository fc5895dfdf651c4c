import { createHash } from 'node:crypto';
import { type Plan, pathToString, validatePlan } from '@xiaoneng/engine';
import { canonicalJson } from '../audit/canonical-json.js';
import { type ProblemIssue, problem } from '../http/app-error.js';
import { t } from '../localised.js';

/** A plan document as stored: canonical JSON text and its SHA-256, so the hash can be re-checked. */
export interface StoredDocument {
  text: string;
  hash: string;
  warnings: ProblemIssue[];
}

/**
 * Validates `document` with the engine and prepares it for storage. The server owns two fields: `id` is
 * the plan's code and `version` the version number, whatever the client sent, so that a stored document
 * always says what it is. Every error the engine finds becomes one issue at its path under `pathPrefix`.
 */
export function prepareDocument(
  document: unknown,
  planCode: string,
  number: number,
  pathPrefix = 'body.document',
): StoredDocument {
  const doc =
    typeof document === 'object' && document !== null && !Array.isArray(document)
      ? { ...(document as Record<string, unknown>), id: planCode, version: number }
      : document;
  const result = validatePlan(doc);
  const toIssue = (i: (typeof result.issues)[number]): ProblemIssue => ({
    path:
      i.path.length === 0
        ? pathPrefix
        : `${pathPrefix}${typeof i.path[0] === 'number' ? '' : '.'}${pathToString(i.path)}`,
    message: i.message,
  });
  const errors = result.issues.filter((i) => i.severity === 'error').map(toIssue);
  if (!result.ok || errors.length > 0)
    throw problem(
      'plan_invalid',
      t(`方案有 ${errors.length} 处错误，请逐项修改`, `the plan has ${errors.length} error(s); fix each`),
      { errors },
    );
  const text = canonicalJson(doc);
  return {
    text,
    hash: sha256(text),
    warnings: result.issues.filter((i) => i.severity === 'warning').map(toIssue),
  };
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The stored text back as a plan (it was validated before it was stored). */
export function parseStoredPlan(text: string): Plan {
  return JSON.parse(text) as Plan;
}
