import type { LocalisedText } from '@xiaoneng/engine';

export type AuditErrorCode =
  /** The algorithm name is not one the audit log knows. */
  | 'algorithm_unknown'
  /** The algorithm is known but this Node/OpenSSL build cannot compute it (SM3 needs OpenSSL ≥ 1.1.1). */
  | 'algorithm_unavailable'
  /** An entry could not be written as given (not inside a transaction, a value JSON cannot hold). */
  | 'entry_invalid';

/** Raised by the audit log for a misuse or a missing capability; never for a broken chain (that is a report). */
export class AuditError extends Error {
  constructor(
    readonly code: AuditErrorCode,
    readonly text: LocalisedText,
  ) {
    super(text.en);
    this.name = 'AuditError';
  }
}
