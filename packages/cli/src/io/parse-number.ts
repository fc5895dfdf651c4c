import type { LocalisedText } from '@xiaoneng/engine';
import { t } from '../localised.js';

/**
 * How numbers in data files are read (documented in packages/cli/README.md):
 * - plain decimals with an optional sign and exponent: `85`, `-3.5`, `1e6`, `.5`;
 * - full-width characters (`８５．５`) and the Unicode minus are normalised first, surrounding spaces ignored;
 * - thousands separators are accepted only when every group has three digits (`1,234.5`, `12,345`);
 *   `12,5` is refused because in many exports it is a decimal comma and guessing would change the value
 *   tenfold or more;
 * - `85%` is refused: for an element measured in % the figure to enter is 85, for a ratio it is 0.85, and the
 *   file cannot tell us which one the person meant;
 * - an empty cell means "no value" (the same as leaving the row out), decided by the caller;
 * - anything else (`—`, `N/A`, `约85`) is refused with a message.
 */
export type ParsedNumber = { ok: true; value: number } | { ok: false; reason: LocalisedText };

const PLAIN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
const GROUPED = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

/**
 * The common case without allocation: returns NaN when `s` is not a plain decimal, so that the caller can
 * fall back to {@link parseNumberText}. Number() alone would accept '', ' ', '0x1A' and 'Infinity'.
 */
export function fastNumber(s: string): number {
  if (s.length === 0) return Number.NaN;
  const c0 = s.charCodeAt(0);
  if (c0 >= 48 && c0 <= 57) {
    if (s.length > 1 && s.charCodeAt(1) >= 65) return Number.NaN;
  } else if (c0 !== 45 && c0 !== 46 && c0 !== 43) return Number.NaN;
  const v = +s;
  return v - v === 0 ? v : Number.NaN;
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * Reads a plain decimal (`-123.456`) from `s[start, end)` without cutting a string; NaN when the text is
 * anything else or longer than 15 digits. Exact: an integer below 2^53 divided by a power of ten that is
 * itself exact is correctly rounded, so the result equals Number() of the same text (Clinger's fast path).
 */
export function decimalAt(s: string, start: number, end: number): number {
  let i = start;
  if (i === end || end - i > 17) return Number.NaN;
  const neg = s.charCodeAt(i) === 45;
  if (neg) i++;
  let m = 0;
  let digits = 0;
  let frac = -1;
  for (; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      digits++;
      if (frac >= 0) frac++;
    } else if (c === 46 && frac < 0) frac = 0;
    else return Number.NaN;
  }
  if (digits === 0 || digits > 15) return Number.NaN;
  const v = frac > 0 ? m / POW10[frac]! : m;
  return neg ? -v : v;
}

export function parseNumberText(raw: string): ParsedNumber {
  const s = raw
    .normalize('NFKC')
    .replace(/\u2212/g, '-')
    .trim();
  if (PLAIN.test(s)) {
    const value = Number(s);
    if (Number.isFinite(value)) return { ok: true, value };
    return { ok: false, reason: t(`“${raw}”超出了可表示的数值范围`, `"${raw}" is too large to represent`) };
  }
  if (GROUPED.test(s)) return { ok: true, value: Number(s.replace(/,/g, '')) };
  if (s.endsWith('%'))
    return {
      ok: false,
      reason: t(
        `“${raw}”带有百分号；请按数据元的计量单位填写数字（单位为 % 的填 85，比率填 0.85）`,
        `"${raw}" has a percent sign; write the number in the element's unit of measure (85 for an element in %, 0.85 for a ratio)`,
      ),
    };
  if (/^[+-]?\d*,\d+$/.test(s) || /^[+-]?[\d,]+\.?\d*$/.test(s))
    return {
      ok: false,
      reason: t(
        `“${raw}”不是数字：小数点请用“.”，千位分隔符必须每三位一组（如 1,234.5）`,
        `"${raw}" is not a number: use "." as the decimal point; thousands separators must group three digits (1,234.5)`,
      ),
    };
  return {
    ok: false,
    reason: t(
      `“${raw}”不是数字（没有数值时请留空）`,
      `"${raw}" is not a number (leave the cell empty when there is no value)`,
    ),
  };
}
