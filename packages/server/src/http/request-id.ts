import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';

/** What a caller may pass as its own request id: short and harmless in logs and headers. */
const ACCEPTABLE = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * The id of a request: the caller's X-Request-Id when it is acceptable (so a gateway's id carries through
 * to the audit log), otherwise a new UUID.
 */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && ACCEPTABLE.test(given) ? given : randomUUID();
}
