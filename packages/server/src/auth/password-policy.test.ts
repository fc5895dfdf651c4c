import { describe, expect, it } from 'vitest';
import { characterClasses, passwordIssues } from './password-policy.js';

const policy = { passwordMinLength: 12, passwordMinClasses: 3 };
const check = (pw: string, username = 'zhangsan') =>
  passwordIssues(pw, policy, { username, path: 'body.password' }).map((i) => i.message.en);

describe('password policy', () => {
  it('counts the four character classes', () => {
    expect(characterClasses('abc')).toBe(1);
    expect(characterClasses('abcD')).toBe(2);
    expect(characterClasses('abcD1')).toBe(3);
    expect(characterClasses('abcD1!')).toBe(4);
    expect(characterClasses('密码abc')).toBe(2);
  });

  it('accepts a password that meets every rule', () => {
    expect(check('Correct-Horse-9')).toEqual([]);
  });

  it('reports each broken rule with the numbers a person needs', () => {
    expect(check('short1A')).toEqual(['the password needs at least 12 characters (it has 7)']);
    expect(check('alllowercaseletters')).toEqual([
      'the password must use at least 3 of: lower-case letters, upper-case letters, digits, other characters (it uses 1)',
    ]);
    expect(check('Zhangsan-2026!')).toEqual(['the password must not contain the username']);
    expect(check('abc')).toHaveLength(2);
  });

  it('counts characters, not UTF-16 units or bytes', () => {
    // 11 characters: two of them outside the BMP.
    expect(check('𝒜𝒜Abcdefg1!')).toEqual(['the password needs at least 12 characters (it has 11)']);
  });

  it('puts every issue at the given path, in both languages', () => {
    const [issue] = passwordIssues(
      'x',
      { passwordMinLength: 8, passwordMinClasses: 1 },
      { username: 'ab', path: 'body.newPassword' },
    );
    expect(issue).toEqual({
      path: 'body.newPassword',
      message: {
        'zh-CN': '密码至少需要 8 个字符（现有 1 个）',
        en: 'the password needs at least 8 characters (it has 1)',
      },
    });
  });
});
