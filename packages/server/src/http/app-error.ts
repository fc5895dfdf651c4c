import type { LocalisedText } from '@xiaoneng/engine';
import { t } from '../localised.js';
import { PROBLEMS, type ProblemCode } from './problem-code.js';

/** One thing wrong with the input, where it is (`body.password`, `query.limit`) and why. */
export interface ProblemIssue {
  path: string;
  message: LocalisedText;
  /** For problems in an uploaded table (imports): its 1-based row, the header row being 1 … */
  row?: number;
  /** … and the column's header as it appears in the file. */
  column?: string;
}

/** What a problem says beyond its code and message: field issues and extension members. */
export interface ProblemDetails {
  errors?: readonly ProblemIssue[];
  /** Extension members of the problem document, e.g. `currentVersion` on a conflict. */
  extra?: Readonly<Record<string, unknown>>;
}

/**
 * The one application error. Domain code throws it; the error handler turns it into problem+json in the
 * request's language. The status defaults to the one the code is registered with.
 */
export class AppError extends Error {
  readonly status: number;
  readonly details: ProblemDetails;

  constructor(
    status: number | undefined,
    readonly code: ProblemCode,
    readonly text: LocalisedText,
    details: ProblemDetails = {},
  ) {
    super(text.en);
    this.name = 'AppError';
    this.status = status ?? PROBLEMS[code].status;
    this.details = details;
  }

  toJSON(): Record<string, unknown> {
    return {
      status: this.status,
      code: this.code,
      message: this.text,
      ...(this.details.errors === undefined ? {} : { errors: this.details.errors }),
      ...this.details.extra,
    };
  }
}

/** A problem with the code's registered status. */
export function problem(code: ProblemCode, text: LocalisedText, details?: ProblemDetails): AppError {
  return new AppError(undefined, code, text, details);
}

export function notFound(what: LocalisedText, id: string): AppError {
  return problem('not_found', t(`${what['zh-CN']}“${id}”不存在`, `${what.en} "${id}" does not exist`));
}

/** 409 for a write that carried a stale `version`; says which version is current so the client can reload. */
export function versionConflict(what: LocalisedText, given: number, current: number): AppError {
  return problem(
    'version_conflict',
    t(
      `${what['zh-CN']}已被他人修改（提交的版本 ${given}，当前版本 ${current}）：请刷新后重试`,
      `${what.en} was changed by someone else (you sent version ${given}, it is now ${current}): reload and retry`,
    ),
    { extra: { currentVersion: current } },
  );
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}
