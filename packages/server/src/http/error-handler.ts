import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { t } from '../localised.js';
import { AppError, isAppError, problem } from './app-error.js';
import { negotiateLocale } from './locale.js';
import { toProblem } from './problem.js';
import { type SchemaError, validationIssues } from './validation-issues.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/**
 * The one place errors become responses: an AppError as it is; Fastify's own errors (schema, body parser,
 * size limit) as the matching problem; anything else is logged with the request id and answered with a
 * generic 500 that reveals nothing of it. Unknown routes get a problem too.
 */
export function installErrorHandling(app: FastifyInstance, options: { bodyLimit: number }): void {
  app.setErrorHandler((err: unknown, request, reply) => {
    const appError = toAppError(err, options.bodyLimit);
    if (appError === undefined) {
      request.log.error({ err }, 'unexpected error');
      return sendProblem(
        request,
        reply,
        problem(
          'internal_error',
          t(
            '服务器内部错误，已记录。请稍后重试或联系管理员。',
            'Internal server error; it has been logged. Retry later or contact the administrator.',
          ),
        ),
      );
    }
    return sendProblem(request, reply, appError);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      request,
      reply,
      problem(
        'route_not_found',
        t(
          `没有接口 ${request.method} ${pathOf(request)}：请查阅 /api/docs`,
          `there is no endpoint ${request.method} ${pathOf(request)}: see /api/docs`,
        ),
      ),
    ),
  );
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, err: AppError): FastifyReply {
  const locale = negotiateLocale(request.headers['accept-language']);
  return reply
    .code(err.status)
    .type(PROBLEM_CONTENT_TYPE)
    .header('content-language', locale)
    .serializer(JSON.stringify)
    .send(toProblem(err, locale, pathOf(request), request.id));
}

function pathOf(request: FastifyRequest): string {
  const q = request.url.indexOf('?');
  return q === -1 ? request.url : request.url.slice(0, q);
}

/** The problem an error stands for, or undefined for an unexpected one (a bug or an outage). */
function toAppError(err: unknown, bodyLimit: number): AppError | undefined {
  if (isAppError(err)) return err;
  const e = err as Partial<FastifyError> & { validation?: SchemaError[] };
  if (Array.isArray(e.validation)) {
    const errors = validationIssues(e.validation, e.validationContext);
    const list = errors.map((i) => `${i.path} ${i.message.en}`).join('; ');
    const listZh = errors.map((i) => `${i.path} ${i.message['zh-CN']}`).join('；');
    return problem('validation_failed', t(`输入有误：${listZh}`, `invalid input: ${list}`), { errors });
  }
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problem(
        'payload_too_large',
        t(`请求体超过上限 ${bodyLimit} 字节`, `the request body exceeds the limit of ${bodyLimit} bytes`),
      );
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problem(
        'unsupported_media_type',
        t(
          '请求体须为 JSON（Content-Type: application/json）',
          'the request body must be JSON (Content-Type: application/json)',
        ),
      );
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return problem('malformed_json', t('请求体不是有效的 JSON', 'the request body is not valid JSON'));
  }
  const status = e.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // Fastify's remaining client errors (a wrong Content-Length, a bad header): its English text is all we have.
    const text = e.message ?? 'bad request';
    return new AppError(status, 'bad_request', t(`请求无效：${text}`, `bad request: ${text}`));
  }
  return undefined;
}
