import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText } from './decode-text.js';

const text = 'code,name\n370102,市中区\n370103,槐荫区·测试\n';

describe('decodeText', () => {
  it('reads UTF-8 with and without a BOM', async () => {
    expect(await decodeText(Buffer.from(text, 'utf8'))).toBe(text);
    expect(await decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toBe(text);
  });

  it('detects GBK / GB18030 (what Excel on Chinese Windows saves) when the bytes are not UTF-8', async () => {
    expect(await decodeText(iconv.encode(text, 'gbk'))).toBe(text);
    expect(await decodeText(iconv.encode(text, 'gb18030'))).toBe(text);
  });

  it('reads UTF-16 with a BOM ("Unicode text")', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(await decodeText(utf16)).toBe(text);
  });

  it('obeys a forced encoding', async () => {
    const gbk = iconv.encode(text, 'gbk');
    expect(await decodeText(gbk, 'gbk')).toBe(text);
    // Forcing UTF-8 on GBK bytes gives replacement characters, not the text: the flag really decides.
    expect(await decodeText(gbk, 'utf8')).not.toBe(text);
    expect(await decodeText(Buffer.from(`\uFEFF${text}`, 'utf8'), 'utf8')).toBe(text);
  });
});
