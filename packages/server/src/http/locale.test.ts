import { describe, expect, it } from 'vitest';
import { negotiateLocale } from './locale.js';

describe('negotiateLocale', () => {
  it.each([
    [undefined, 'zh-CN'],
    ['', 'zh-CN'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['zh-TW', 'zh-CN'],
    ['zh-Hans-CN', 'zh-CN'],
    ['fr-FR, en;q=0.5', 'en'],
    ['fr-FR, de', 'zh-CN'],
    ['zh;q=0.4, en;q=0.8', 'en'],
    ['en;q=0.3, zh-CN;q=0.9', 'zh-CN'],
    ['en;q=0, zh', 'zh-CN'],
    ['EN-gb', 'en'],
    ['*', 'zh-CN'],
    ['english', 'zh-CN'],
  ] as const)('%s → %s', (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });
});
