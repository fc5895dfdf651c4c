import type { LocalisedText } from '@xiaoneng/engine';
import { t } from '../localised.js';
import type { ProblemIssue } from './app-error.js';

/** The part of an Ajv error this module reads; Fastify hands these over on `error.validation`. */
export interface SchemaError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

/** Fastify's name for the part of the request → the prefix of an issue path. */
const PART: Record<string, string> = {
  body: 'body',
  querystring: 'query',
  params: 'params',
  headers: 'headers',
};

const TYPE_NAMES: Record<string, LocalisedText> = {
  string: t('字符串', 'a string'),
  number: t('数字', 'a number'),
  integer: t('整数', 'an integer'),
  boolean: t('布尔值', 'a boolean'),
  object: t('对象', 'an object'),
  array: t('数组', 'an array'),
  null: t('null', 'null'),
};

/**
 * Schema errors as issues a person can act on: a path from the request part down to the field, and a
 * message in both languages. Alternatives (`anyOf`) are reported once at their path, not once per branch.
 */
export function validationIssues(
  errors: readonly SchemaError[],
  context: string | undefined,
): ProblemIssue[] {
  const prefix = PART[context ?? 'body'] ?? context ?? 'body';
  const anyOfPaths = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  const issues: ProblemIssue[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    // Errors of the branches of a failed anyOf sit at (or under) its path; the anyOf error speaks for them.
    if (e.keyword !== 'anyOf' && [...anyOfPaths].some((p) => isWithin(e.instancePath, p))) continue;
    const issue = toIssue(e, prefix, errors);
    const key = `${issue.path}\u0000${issue.message.en}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
  }
  return issues;
}

function isWithin(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}/`);
}

function toIssue(e: SchemaError, prefix: string, all: readonly SchemaError[]): ProblemIssue {
  const at = joinPath(prefix, e.instancePath);
  const p = e.params;
  switch (e.keyword) {
    case 'required':
      return { path: child(at, String(p.missingProperty)), message: t('必填', 'is required') };
    case 'additionalProperties':
      return {
        path: child(at, String(p.additionalProperty)),
        message: t('不是允许的字段', 'is not an allowed field'),
      };
    case 'type': {
      const names = (Array.isArray(p.type) ? p.type : String(p.type).split(',')).map(
        (n) => TYPE_NAMES[String(n)] ?? t(String(n), String(n)),
      );
      return {
        path: at,
        message: t(
          `应为${names.map((n) => n['zh-CN']).join('或')}`,
          `must be ${names.map((n) => n.en).join(' or ')}`,
        ),
      };
    }
    case 'minLength':
      return {
        path: at,
        message: t(`长度至少为 ${p.limit} 个字符`, `must be at least ${p.limit} characters long`),
      };
    case 'maxLength':
      return {
        path: at,
        message: t(`长度至多为 ${p.limit} 个字符`, `must be at most ${p.limit} characters long`),
      };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { path: at, message: comparison(String(p.comparison), p.limit) };
    case 'pattern':
      return {
        path: at,
        message: t(`格式不正确（应匹配 ${p.pattern}）`, `must match the pattern ${p.pattern}`),
      };
    case 'format':
      return { path: at, message: t(`应为 ${p.format} 格式`, `must be in ${p.format} format`) };
    case 'enum':
      return { path: at, message: oneOf(p.allowedValues as unknown[]) };
    case 'const':
      return { path: at, message: oneOf([p.allowedValue]) };
    case 'minItems':
      return { path: at, message: t(`至少需要 ${p.limit} 项`, `must have at least ${p.limit} items`) };
    case 'maxItems':
      return { path: at, message: t(`至多允许 ${p.limit} 项`, `must have at most ${p.limit} items`) };
    case 'uniqueItems':
      return {
        path: at,
        message: t(
          `不得有重复项（第 ${p.j} 项与第 ${p.i} 项相同）`,
          `must not repeat items (items ${p.j} and ${p.i} are equal)`,
        ),
      };
    case 'anyOf': {
      const consts = all
        .filter((x) => x.keyword === 'const' && x.instancePath === e.instancePath)
        .map((x) => x.params.allowedValue);
      if (consts.length > 0) return { path: at, message: oneOf(consts) };
      return { path: at, message: t('不符合任何允许的形式', 'does not match any allowed form') };
    }
    default: {
      const text = e.message ?? e.keyword;
      return { path: at, message: t(text, text) };
    }
  }
}

function comparison(op: string, limit: unknown): LocalisedText {
  const zh: Record<string, string> = { '>=': '不得小于', '<=': '不得大于', '>': '应大于', '<': '应小于' };
  const en: Record<string, string> = {
    '>=': 'must be at least',
    '<=': 'must be at most',
    '>': 'must be greater than',
    '<': 'must be less than',
  };
  return t(`${zh[op] ?? op} ${limit}`, `${en[op] ?? op} ${limit}`);
}

function oneOf(values: readonly unknown[]): LocalisedText {
  const list = values.map((v) => JSON.stringify(v));
  return t(`应为以下之一：${list.join('、')}`, `must be one of: ${list.join(', ')}`);
}

/** `body` + `/roles/0/name` → `body.roles[0].name` (JSON Pointer segments unescaped). */
export function joinPath(prefix: string, pointer: string): string {
  let out = prefix;
  if (pointer === '') return out;
  for (const raw of pointer.split('/').slice(1))
    out = child(out, raw.replaceAll('~1', '/').replaceAll('~0', '~'));
  return out;
}

function child(path: string, segment: string): string {
  if (/^\d+$/.test(segment)) return `${path}[${segment}]`;
  return /^[A-Za-z_$][\w$]*$/.test(segment) ? `${path}.${segment}` : `${path}[${JSON.stringify(segment)}]`;
}
