import type { LocalisedText } from '@xiaoneng/engine';

/** Exit codes: 0 fine, 1 the input was read but failed a check (an invalid plan), 2 usage or input errors. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export type CliErrorCode =
  /** Bad command line: unknown option, missing argument, unsupported file type. */
  | 'usage'
  /** A file could not be opened or read. */
  | 'file_unreadable'
  /** A data file (units, values) has bad rows or columns; `details` lists them. */
  | 'input_invalid'
  /** The plan file is not JSON. */
  | 'plan_not_json'
  /** The plan is JSON but breaks the plan rules. */
  | 'plan_invalid'
  /** The engine refused the input. */
  | 'engine_rejected'
  /** A feature another part of the project has not delivered yet. */
  | 'not_available'
  /** The output could not be written. */
  | 'output_unwritable';

const EXIT_CODE: Record<CliErrorCode, number> = {
  usage: EXIT.usage,
  file_unreadable: EXIT.usage,
  input_invalid: EXIT.usage,
  plan_not_json: EXIT.usage,
  plan_invalid: EXIT.failed,
  engine_rejected: EXIT.usage,
  not_available: EXIT.failed,
  output_unwritable: EXIT.usage,
};

/**
 * The one error the CLI throws on purpose. `main` turns it into a message in the user's language and an exit
 * code; anything else that escapes a command is a bug and is printed with its stack.
 */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(
    readonly code: CliErrorCode,
    readonly text: LocalisedText,
    /** One line per problem, printed under the message. */
    readonly details: readonly LocalisedText[] = [],
  ) {
    super(text.en);
    this.name = 'CliError';
    this.exitCode = EXIT_CODE[code];
  }
}
