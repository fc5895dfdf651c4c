import type { FastifyInstance } from 'fastify';
import { t } from '../localised.js';
import { problem } from './app-error.js';

/**
 * The API reads JSON only. Fastify's own parsers are replaced: text/plain is dropped (a cross-site form may
 * send it without a CORS preflight), and a JSON syntax error says where it is. An empty body counts as no
 * body, so that a POST without one (logout) works whatever Content-Type the client sent.
 */
export function installJsonBodyParser(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(/^application\/([\w.+-]+\+)?json$/i, { parseAs: 'string' }, (_req, body, done) => {
    const text = body as string;
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    try {
      done(null, JSON.parse(text, text.includes('"__proto__"') ? refuseProto : undefined));
    } catch (err) {
      done(err instanceof SyntaxError ? syntaxProblem(text, err) : (err as Error), undefined);
    }
  });
}

function refuseProto(key: string, value: unknown): unknown {
  if (key === '__proto__') throw new SyntaxError('the member name "__proto__" is not allowed');
  return value;
}

function syntaxProblem(text: string, err: SyntaxError) {
  const position = /position (\d+)/.exec(err.message);
  let where = t('', '');
  if (position !== null) {
    const offset = Number(position[1]);
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    where = t(`（第 ${line} 行第 ${column} 列）`, ` (line ${line}, column ${column})`);
  }
  return problem(
    'malformed_json',
    t(
      `请求体不是有效的 JSON${where['zh-CN']}：${err.message}`,
      `the request body is not valid JSON${where.en}: ${err.message}`,
    ),
  );
}
