import { type EngineIssue, pathToString } from './localised.js';

/**
 * The one error the engine throws for bad plans or inputs. It carries every issue found, each with a path,
 * a code and a message in zh-CN and en; `safeScore()` returns the same issues instead of throwing.
 */
export class EngineError extends Error {
  constructor(readonly issues: EngineIssue[]) {
    super(
      issues
        .filter((i) => i.severity === 'error')
        .map((i) => `${pathToString(i.path) || '(root)'}: ${i.message.en}`)
        .join('\n') || 'invalid input',
    );
    this.name = 'EngineError';
  }
}
