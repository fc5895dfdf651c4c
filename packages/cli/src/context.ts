import type { Locale, LocalisedText } from '@xiaoneng/engine';

/** Where the CLI reads its environment and writes its output; tests pass their own to capture it. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Readonly<Record<string, string | undefined>>;
  /** The terminal stderr stream when it is one: progress bars are drawn only then. */
  tty?: NodeJS.WriteStream;
}

export function processIo(): CliIo {
  return {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    env: process.env,
    tty: process.stderr.isTTY ? process.stderr : undefined,
  };
}

/** What every command gets: the I/O, the language messages are printed in, and the exit code to return. */
export class Context {
  exitCode = 0;
  constructor(
    readonly io: CliIo,
    readonly locale: Locale,
  ) {}

  /** A localised text in the user's language. */
  m(text: LocalisedText): string {
    return text[this.locale];
  }

  /** A line of results on stdout (what a script would capture). */
  out(line: string): void {
    this.io.stdout(`${line}\n`);
  }

  /** A line of talk on stderr (progress, summaries, warnings), so stdout stays clean for results. */
  say(text: LocalisedText | string): void {
    this.io.stderr(`${typeof text === 'string' ? text : this.m(text)}\n`);
  }
}
