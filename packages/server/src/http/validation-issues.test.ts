import { describe, expect, it } from 'vitest';
import { joinPath, validationIssues } from './validation-issues.js';

const en = (issues: ReturnType<typeof validationIssues>) => issues.map((i) => `${i.path}: ${i.message.en}`);

describe('validationIssues', () => {
  it('names the field of required and additional properties', () => {
    const issues = validationIssues(
      [
        { keyword: 'required', instancePath: '', params: { missingProperty: 'version' } },
        { keyword: 'additionalProperties', instancePath: '/user', params: { additionalProperty: 'role' } },
      ],
      'body',
    );
    expect(en(issues)).toEqual(['body.version: is required', 'body.user.role: is not an allowed field']);
    expect(issues[0]?.message['zh-CN']).toBe('必填');
  });

  it('walks JSON pointers into array indices and odd keys, and prefixes the request part', () => {
    expect(joinPath('body', '/roles/2')).toBe('body.roles[2]');
    expect(joinPath('body', '/a~1b/x~0y')).toBe('body["a/b"]["x~y"]');
    expect(
      en(
        validationIssues(
          [{ keyword: 'minimum', instancePath: '/limit', params: { comparison: '>=', limit: 1 } }],
          'querystring',
        ),
      ),
    ).toEqual(['query.limit: must be at least 1']);
  });

  it('says what type was expected, in both languages', () => {
    const [issue] = validationIssues(
      [{ keyword: 'type', instancePath: '/version', params: { type: 'integer' } }],
      'body',
    );
    expect(issue).toEqual({
      path: 'body.version',
      message: { 'zh-CN': '应为整数', en: 'must be an integer' },
    });
  });

  it('reports a failed choice once, listing the allowed constants, not once per branch', () => {
    const issues = validationIssues(
      [
        { keyword: 'const', instancePath: '/kind', params: { allowedValue: 'a' } },
        { keyword: 'const', instancePath: '/kind', params: { allowedValue: 'b' } },
        { keyword: 'anyOf', instancePath: '/kind', params: {} },
      ],
      'body',
    );
    expect(en(issues)).toEqual(['body.kind: must be one of: "a", "b"']);
  });

  it('reports a nullable field of the wrong type as one issue', () => {
    const issues = validationIssues(
      [
        { keyword: 'type', instancePath: '/unitCode', params: { type: 'string' } },
        { keyword: 'type', instancePath: '/unitCode', params: { type: 'null' } },
        { keyword: 'anyOf', instancePath: '/unitCode', params: {} },
      ],
      'body',
    );
    expect(en(issues)).toEqual(['body.unitCode: does not match any allowed form']);
  });

  it('lists enum values and lengths', () => {
    expect(
      en(
        validationIssues(
          [
            { keyword: 'enum', instancePath: '/roles/0', params: { allowedValues: ['office', 'viewer'] } },
            { keyword: 'minLength', instancePath: '/name', params: { limit: 1 } },
            { keyword: 'maxItems', instancePath: '/roles', params: { limit: 9 } },
          ],
          'body',
        ),
      ),
    ).toEqual([
      'body.roles[0]: must be one of: "office", "viewer"',
      'body.name: must be at least 1 characters long',
      'body.roles: must have at most 9 items',
    ]);
  });
});
