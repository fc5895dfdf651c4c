import { describe, expect, it } from 'vitest';
import { parseCsv, writeCsv } from './csv-text.js';
import { decodeUpload, encodeText } from './decode-upload.js';

describe('CSV text', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF and a BOM', () => {
    expect(parseCsv('\ufeffa,"b,1","say ""hi"""\r\n"two\nlines",,x\n')).toEqual({
      ok: true,
      rows: [
        ['a', 'b,1', 'say "hi"'],
        ['two\nlines', '', 'x'],
      ],
    });
    expect(parseCsv('a,b')).toEqual({ ok: true, rows: [['a', 'b']] });
  });

  it('names the row where an unterminated quote starts', () => {
    expect(parseCsv('a\nb\n"c,d\ne')).toEqual({ ok: false, row: 3, message: 'unterminated_quote' });
  });

  it('writes what it reads', () => {
    const rows = [
      ['单位代码', '名称, 全称', 'x"y'],
      ['330106', null, 1.5],
    ];
    expect(writeCsv(rows)).toBe('单位代码,"名称, 全称","x""y"\r\n330106,,1.5\r\n');
    expect(parseCsv(writeCsv(rows))).toEqual({
      ok: true,
      rows: [
        ['单位代码', '名称, 全称', 'x"y'],
        ['330106', '', '1.5'],
      ],
    });
  });

  it('decodes UTF-8 and falls back to GBK for bytes that are not UTF-8', () => {
    const gbk = encodeText('单位代码,西湖区\r\n', 'gbk');
    expect([...gbk.subarray(0, 2)]).toEqual([0xb5, 0xa5]); // 单 in GBK
    expect(decodeUpload(gbk)).toEqual({ text: '单位代码,西湖区\r\n', charset: 'gbk' });
    const utf8 = encodeText('单位代码\r\n', 'utf8');
    // The decoder drops the BOM Excel needs on the way in.
    expect(decodeUpload(utf8)).toEqual({ text: '单位代码\r\n', charset: 'utf8' });
    expect(() => decodeUpload(gbk, 'utf8')).toThrow('not UTF-8');
  });
});
