import { isUtf8 } from 'node:buffer';

/** Encodings a person may force with `--encoding`; `auto` detects. */
export const ENCODINGS = ['auto', 'utf8', 'gb18030', 'gbk', 'utf16le'] as const;
export type Encoding = (typeof ENCODINGS)[number];

export function isEncoding(s: string): s is Encoding {
  return (ENCODINGS as readonly string[]).includes(s);
}

/**
 * Text files from government offices come as UTF-8 (with or without BOM), GBK/GB18030 (what Excel on
 * Chinese Windows saves as "CSV") or UTF-16 ("Unicode text"). Valid UTF-8 is taken as UTF-8 — GBK text is
 * practically never valid UTF-8 — otherwise GB18030, a superset of GBK. A BOM settles the question.
 */
export async function decodeText(buf: Buffer, encoding: Encoding = 'auto'): Promise<string> {
  if (encoding === 'auto') {
    if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return buf.toString('utf8', 3);
    if (buf[0] === 0xff && buf[1] === 0xfe) return buf.toString('utf16le', 2);
    if (isUtf8(buf)) return buf.toString('utf8');
    return decodeGb18030(buf);
  }
  if (encoding === 'utf8') return stripBom(buf.toString('utf8'));
  if (encoding === 'utf16le') return stripBom(buf.toString('utf16le'));
  return decodeGb18030(buf);
}

async function decodeGb18030(buf: Buffer): Promise<string> {
  // Loaded on demand: most files are UTF-8 and the CLI starts faster without it.
  const iconv = (await import('iconv-lite')).default;
  return stripBom(iconv.decode(buf, 'gb18030'));
}

function stripBom(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}
