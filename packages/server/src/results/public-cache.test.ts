import { describe, expect, it } from 'vitest';
import { PublicCache, ShortLived } from './public-cache.js';

describe('PublicCache', () => {
  it('drops the least recently used answers once over its size', () => {
    // 10 characters = 20 bytes each; room for two.
    const cache = new PublicCache(40);
    cache.set('a', 'aaaaaaaaaa');
    cache.set('b', 'bbbbbbbbbb');
    expect(cache.get('a')).toBe('aaaaaaaaaa'); // a is now the most recent
    cache.set('c', 'cccccccccc');
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe('aaaaaaaaaa');
    expect(cache.get('c')).toBe('cccccccccc');
    expect(cache.size).toBe(2);
  });

  it('does not keep an answer larger than the whole cache', () => {
    const cache = new PublicCache(10);
    cache.set('big', 'x'.repeat(6));
    expect(cache.get('big')).toBeUndefined();
  });
});

describe('ShortLived', () => {
  it('reloads after its time to live, and never keeps a failed load', async () => {
    let now = 0;
    let loads = 0;
    const lived = new ShortLived<number>(1000, () => now);
    const load = async () => ++loads;
    expect(await lived.get('k', load)).toBe(1);
    now = 999;
    expect(await lived.get('k', load)).toBe(1);
    now = 1000;
    expect(await lived.get('k', load)).toBe(2);
    await expect(
      lived.get('gone', async () => {
        throw new Error('not published');
      }),
    ).rejects.toThrow('not published');
    expect(await lived.get('gone', async () => 7)).toBe(7);
  });
});
