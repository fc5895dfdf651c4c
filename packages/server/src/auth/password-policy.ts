import type { LocalisedText } from '@xiaoneng/engine';
import type { ProblemIssue } from '../http/app-error.js';
import { t } from '../localised.js';
import type { SecurityPolicySettings } from './security-policy.js';

/** Longest password accepted: argon2 hashes anything, but a megabyte password is an attack, not a secret. */
export const PASSWORD_MAX_LENGTH = 128;

const CLASSES: readonly { test: RegExp; name: LocalisedText }[] = [
  { test: /\p{Ll}/u, name: t('小写字母', 'lower-case letters') },
  { test: /\p{Lu}/u, name: t('大写字母', 'upper-case letters') },
  { test: /\p{Nd}/u, name: t('数字', 'digits') },
  { test: /[^\p{Ll}\p{Lu}\p{Nd}]/u, name: t('其他字符', 'other characters') },
];

/** How many of the four character classes `password` uses. */
export function characterClasses(password: string): number {
  return CLASSES.filter((c) => c.test.test(password)).length;
}

/**
 * Every rule of the policy that `password` breaks, each with what to do about it, at `path`. Empty when
 * the password is acceptable. Length counts characters (code points), as a person does.
 */
export function passwordIssues(
  password: string,
  policy: Pick<SecurityPolicySettings, 'passwordMinLength' | 'passwordMinClasses'>,
  context: { username: string; path: string },
): ProblemIssue[] {
  const issues: ProblemIssue[] = [];
  const length = [...password].length;
  const at = (message: LocalisedText) => issues.push({ path: context.path, message });
  if (length < policy.passwordMinLength)
    at(
      t(
        `密码至少需要 ${policy.passwordMinLength} 个字符（现有 ${length} 个）`,
        `the password needs at least ${policy.passwordMinLength} characters (it has ${length})`,
      ),
    );
  if (length > PASSWORD_MAX_LENGTH)
    at(
      t(
        `密码至多 ${PASSWORD_MAX_LENGTH} 个字符`,
        `the password may have at most ${PASSWORD_MAX_LENGTH} characters`,
      ),
    );
  const classes = characterClasses(password);
  if (classes < policy.passwordMinClasses) {
    const names = CLASSES.map((c) => c.name);
    at(
      t(
        `密码须包含${names.map((n) => n['zh-CN']).join('、')}中的至少 ${policy.passwordMinClasses} 类（现有 ${classes} 类）`,
        `the password must use at least ${policy.passwordMinClasses} of: ${names.map((n) => n.en).join(', ')} (it uses ${classes})`,
      ),
    );
  }
  if (context.username.length >= 3 && password.toLowerCase().includes(context.username.toLowerCase()))
    at(t('密码不得包含用户名', 'the password must not contain the username'));
  return issues;
}
