import type { Locale } from '@xiaoneng/engine';
import type { AppError } from './app-error.js';
import { PROBLEMS, problemType } from './problem-code.js';

/** An RFC 9457 problem document as this API writes it, in one language. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** The stable code, also the last segment of `type`. */
  code: string;
  /** The path of the request the problem occurred in. */
  instance: string;
  /** Also in the X-Request-Id header and in the audit entries of the request. */
  requestId: string;
  errors?: { path: string; message: string; row?: number; column?: string }[];
  [extension: string]: unknown;
}

export function toProblem(err: AppError, locale: Locale, instance: string, requestId: string): Problem {
  const extra = err.details.extra ?? {};
  return {
    ...extra,
    type: problemType(err.code),
    title: PROBLEMS[err.code].title[locale],
    status: err.status,
    detail: err.text[locale],
    code: err.code,
    instance,
    requestId,
    ...(err.details.errors === undefined
      ? {}
      : {
          errors: err.details.errors.map((e) => ({
            path: e.path,
            ...(e.row === undefined ? {} : { row: e.row }),
            ...(e.column === undefined ? {} : { column: e.column }),
            message: e.message[locale],
          })),
        }),
  };
}
