import { describe, expect, it } from 'vitest';
import { ApiError, fieldNameOf, formErrorsOf } from './api-error';

describe('ApiError', () => {
  it('keeps the problem document’s code, texts and field issues', () => {
    const error = new ApiError(400, {
      code: 'validation_failed',
      title: '请求无效',
      detail: '2 处输入有误',
      errors: [
        { path: 'body.document.tree[0].children[2].weight', message: '权重须为正数' },
        { path: 'body.name', message: '必填' },
        { path: 'body.name', message: '过长' },
        { path: '', message: '整体有误' },
      ],
    });
    expect(error.status).toBe(400);
    expect(error.code).toBe('validation_failed');
    expect(error.message).toBe('2 处输入有误');
    expect(formErrorsOf(error)).toEqual([
      { name: ['document', 'tree', 0, 'children', 2, 'weight'], errors: ['权重须为正数'] },
      { name: ['name'], errors: ['必填', '过长'] },
    ]);
  });

  it('falls back to the HTTP status when the answer is not problem+json', () => {
    const error = new ApiError(502, {});
    expect(error.code).toBe('http_502');
    expect(error.title).toBe('HTTP 502');
    expect(error.errors).toEqual([]);
  });

  it('turns paths into form field names, with or without the body prefix', () => {
    expect(fieldNameOf('body.values.E1')).toEqual(['values', 'E1']);
    expect(fieldNameOf('query.period', 'query')).toEqual(['period']);
    expect(fieldNameOf('rows[3].unit')).toEqual(['rows', 3, 'unit']);
  });
});
