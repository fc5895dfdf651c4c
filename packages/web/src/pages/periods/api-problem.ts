import { ApiError } from '../../api/api-error';

/** Any failure as an ApiError, so that the page shows one kind of message. */
export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, { code: 'client', detail: error instanceof Error ? error.message : String(error) });
}
