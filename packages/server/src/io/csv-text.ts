/**
 * CSV as RFC 4180 writes it (quotes doubled inside quoted fields, CRLF or LF line ends), read into rows of
 * strings and written back. A byte order mark is dropped. Small enough to read whole: imports are one
 * period's values, a few MB at most.
 */
export type CsvResult =
  | { ok: true; rows: string[][] }
  | { ok: false; row: number; message: 'unterminated_quote' };

export function parseCsv(text: string): CsvResult {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let rowStart = 1;
  let line = 1;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      line++;
      rowStart = line;
    } else field += c;
  }
  if (quoted) return { ok: false, row: rowStart, message: 'unterminated_quote' };
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return { ok: true, rows };
}

export function writeCsv(rows: readonly (readonly (string | number | null)[])[]): string {
  return rows
    .map((r) => r.map(csvField).join(','))
    .join('\r\n')
    .concat('\r\n');
}

function csvField(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}
