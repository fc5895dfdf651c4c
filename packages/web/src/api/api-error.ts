import type { FormInstance } from 'antd';

/** One bad input of a problem+json answer: where (path, and row/column for imports) and what. */
export interface FieldIssue {
  /** e.g. `body.document.tree[0].weight`; `''` when the issue is about the whole request. */
  path: string;
  message: string;
  /** Imports: the row of the file (header is row 1) and the column title. */
  row?: number;
  column?: string;
}

/**
 * A failed API call. For answers in problem+json the texts are already in the language sent in
 * Accept-Language; a network failure has status 0 and code `network`.
 */
export class ApiError extends Error {
  readonly status: number;
  /** The server's stable code (e.g. `validation_failed`, `version_conflict`, `invalid_credentials`). */
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly errors: readonly FieldIssue[];
  /** The whole problem document, for extensions such as `currentVersion`. */
  readonly problem: Readonly<Record<string, unknown>>;

  constructor(status: number, problem: Record<string, unknown>) {
    const title = typeof problem.title === 'string' ? problem.title : `HTTP ${status}`;
    const detail = typeof problem.detail === 'string' ? problem.detail : title;
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.code = typeof problem.code === 'string' ? problem.code : `http_${status}`;
    this.title = title;
    this.detail = detail;
    this.errors = Array.isArray(problem.errors) ? (problem.errors as FieldIssue[]) : [];
    this.problem = problem;
  }
}

/** A form field name as antd's Form wants it: `body.tree[0].weight` → ['tree', 0, 'weight']. */
export function fieldNameOf(path: string, prefix = 'body'): (string | number)[] {
  const parts = path.match(/[^.[\]]+/g) ?? [];
  const names = parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  if (names[0] === prefix) names.shift();
  return names;
}

/** What `form.setFields` of a form over Values takes. */
export type FormFields<Values> = (Parameters<FormInstance<Values>['setFields']>[0][number] & {
  name: (string | number)[];
  errors: string[];
})[];

/**
 * The issues of an error as antd Form fields, for `form.setFields(formErrorsOf(error))`: each message
 * appears under its field. Issues whose path names no field of the form are left to `unplacedIssues`.
 */
export function formErrorsOf<Values = unknown>(error: ApiError, prefix = 'body'): FormFields<Values> {
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const issue of error.errors) {
    const name = fieldNameOf(issue.path, prefix);
    if (name.length === 0) continue;
    const key = JSON.stringify(name);
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(issue.message);
    byField.set(key, entry);
  }
  // The names come from the server, so they cannot be checked against the form's type.
  return [...byField.values()] as FormFields<Values>;
}
