import iconv from 'iconv-lite';

export type Charset = 'utf8' | 'gbk';

/**
 * Text of an uploaded CSV: UTF-8 when the bytes are valid UTF-8 (with or without a BOM), else GBK (GB18030,
 * its superset), which is what Excel on a Chinese Windows saves as "CSV". A caller may name the charset.
 */
export function decodeUpload(bytes: Uint8Array, charset?: Charset): { text: string; charset: Charset } {
  if (charset === 'gbk') return { text: iconv.decode(Buffer.from(bytes), 'gb18030'), charset };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), charset: 'utf8' };
  } catch {
    if (charset === 'utf8') throw new Error('not UTF-8');
    return { text: iconv.decode(Buffer.from(bytes), 'gb18030'), charset: 'gbk' };
  }
}

export function encodeText(text: string, charset: Charset): Buffer {
  // Excel opens UTF-8 CSV correctly only with a BOM.
  return charset === 'gbk' ? iconv.encode(text, 'gbk') : Buffer.from(`\ufeff${text}`, 'utf8');
}
