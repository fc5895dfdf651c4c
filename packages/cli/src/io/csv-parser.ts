/**
 * An RFC 4180 CSV parser that reports malformed input instead of guessing: an unterminated quote or text
 * after a closing quote is an error with its row. (udsv, which we measured first, silently drops the rows
 * after an unterminated quote and merges a short row into the next one; see packages/cli/README.md.)
 *
 * Speed at province scale (millions of rows) comes from two things: lines without a quote take an
 * indexOf-only path, and records are handed over as spans of the source text ({@link CsvRow}) so that a
 * reader slices only the fields it needs as strings and can parse numbers in place.
 *
 * Rows are counted like a spreadsheet shows them: the first record is row 1, a quoted field spanning lines
 * stays one row, blank lines are rows too (skipped, but counted so that numbers match what people see).
 */

export type CsvSyntaxError = 'unterminated_quote' | 'text_after_quote';

/** One record as spans of `src`; reused between records, so copy what you keep. */
export class CsvRow {
  src = '';
  start = new Int32Array(32);
  end = new Int32Array(32);
  count = 0;
  row = 0;

  text(i: number): string {
    return this.src.slice(this.start[i]!, this.end[i]!);
  }

  texts(): string[] {
    const out: string[] = [];
    for (let i = 0; i < this.count; i++) out.push(this.text(i));
    return out;
  }

  /** Makes room for field `i`. */
  ensure(i: number): void {
    if (i < this.start.length) return;
    const start = new Int32Array(this.start.length * 2);
    const end = new Int32Array(this.start.length * 2);
    start.set(this.start);
    end.set(this.end);
    this.start = start;
    this.end = end;
  }

  /** Sets the record from strings (quoted records, spreadsheet rows): spans into their concatenation. */
  setTexts(fields: readonly string[], count: number, row: number): void {
    let src = '';
    for (let i = 0; i < count; i++) {
      this.ensure(i);
      this.start[i] = src.length;
      src += fields[i]!;
      this.end[i] = src.length;
    }
    this.src = src;
    this.count = count;
    this.row = row;
  }
}

export interface CsvHandlers {
  record(row: CsvRow): void;
  /** A malformed record; it is skipped. After an unterminated quote parsing stops. */
  error(kind: CsvSyntaxError, row: number, field: number): void;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

export function parseCsv(text: string, handlers: CsvHandlers, delimiter = ','): void {
  const len = text.length;
  const d = delimiter.charCodeAt(0);
  const rec = new CsvRow();
  const fields: string[] = [];
  let pos = 0;
  let row = 0;
  // Next quote and delimiter positions are cached so that lines without them cost one scan in total, not one
  // scan of the rest of the file per line.
  let nextQuote = -1;
  let nextDelim = -1;
  while (pos < len) {
    row++;
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = len;
    let end = nl;
    if (end > pos && text.charCodeAt(end - 1) === CR) end--;
    if (end === pos) {
      pos = nl + 1;
      continue;
    }
    if (nextQuote < pos) {
      nextQuote = text.indexOf('"', pos);
      if (nextQuote < 0) nextQuote = len;
    }
    if (nextQuote >= end) {
      let k = 0;
      let a = pos;
      rec.src = text;
      for (;;) {
        if (nextDelim < a) {
          nextDelim = text.indexOf(delimiter, a);
          if (nextDelim < 0) nextDelim = len;
        }
        if (k === rec.start.length) rec.ensure(k);
        rec.start[k] = a;
        if (nextDelim >= end) {
          rec.end[k++] = end;
          break;
        }
        rec.end[k++] = nextDelim;
        a = nextDelim + 1;
      }
      rec.count = k;
      rec.row = row;
      handlers.record(rec);
      pos = nl + 1;
      continue;
    }
    pos = slowRecord(text, pos, row, d, fields, rec, handlers);
  }
}

/** A record with a quote somewhere: character by character; returns where the next record starts. */
function slowRecord(
  text: string,
  start: number,
  row: number,
  d: number,
  fields: string[],
  rec: CsvRow,
  handlers: CsvHandlers,
): number {
  const len = text.length;
  let k = 0;
  let i = start;
  const emit = (next: number): number => {
    rec.setTexts(fields, k, row);
    handlers.record(rec);
    return next;
  };
  for (;;) {
    if (i < len && text.charCodeAt(i) === QUOTE) {
      let j = i + 1;
      let value = '';
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) {
          handlers.error('unterminated_quote', row, k);
          return len;
        }
        if (text.charCodeAt(q + 1) === QUOTE) {
          value += text.slice(j, q + 1);
          j = q + 2;
          continue;
        }
        value += text.slice(j, q);
        j = q + 1;
        break;
      }
      fields[k++] = value;
      if (j >= len) return emit(len);
      const c = text.charCodeAt(j);
      if (c === d) {
        i = j + 1;
        continue;
      }
      if (c === LF) return emit(j + 1);
      if (c === CR && (j + 1 >= len || text.charCodeAt(j + 1) === LF)) return emit(j + 2);
      handlers.error('text_after_quote', row, k - 1);
      const nl = text.indexOf('\n', j);
      return nl < 0 ? len : nl + 1;
    }
    // An unquoted field; a quote inside it (x"y) is kept literally, as spreadsheets do.
    let c = i;
    let ch = 0;
    while (c < len) {
      ch = text.charCodeAt(c);
      if (ch === d || ch === LF) break;
      c++;
    }
    const atEnd = c >= len;
    let e = c;
    if ((atEnd || ch === LF) && e > i && text.charCodeAt(e - 1) === CR) e--;
    fields[k++] = text.slice(i, e);
    if (atEnd) return emit(len);
    if (ch === d) {
      i = c + 1;
      continue;
    }
    return emit(c + 1);
  }
}
