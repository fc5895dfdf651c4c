/**
 * @module @xiaoneng/cli
 * The `xn` command as a library: `main(argv, io)` runs it in-process and returns the exit code.
 */
export { CliError, type CliErrorCode, EXIT } from './cli-error.js';
export type { CliIo } from './context.js';
export { main } from './main.js';
