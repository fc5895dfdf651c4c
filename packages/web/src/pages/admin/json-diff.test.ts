import { describe, expect, it } from 'vitest';
import { diffAuditJson } from './json-diff';

describe('diffAuditJson', () => {
  it('lines up the fields of before and after and marks what changed', () => {
    expect(
      diffAuditJson(
        '{"disabled":false,"roles":["reporter"],"version":1}',
        '{"disabled":true,"roles":["reporter"],"unitCode":"330106","version":2}',
      ),
    ).toEqual([
      { field: 'disabled', before: 'false', after: 'true', changed: true },
      { field: 'roles', before: '["reporter"]', after: '["reporter"]', changed: false },
      { field: 'unitCode', before: undefined, after: '"330106"', changed: true },
      { field: 'version', before: '1', after: '2', changed: true },
    ]);
  });

  it('shows a creation (no before) as every field new, and a value that is not an object as one row', () => {
    expect(diffAuditJson(null, '{"name":"西湖区"}')).toEqual([
      { field: 'name', before: undefined, after: '"西湖区"', changed: true },
    ]);
    expect(diffAuditJson('3', '4')).toEqual([{ field: '', before: '3', after: '4', changed: true }]);
    expect(diffAuditJson(null, null)).toEqual([]);
  });
});
