import type { Locale } from './locale';

/** Number, date and name-order helpers of one locale; pages get them from useFormat(). */
export interface Formatters {
  number(value: number, options?: Intl.NumberFormatOptions): string;
  /** Fixed decimals, e.g. scores: decimals(87.456, 2) → "87.46". */
  decimals(value: number, digits: number): string;
  percent(share: number, digits?: number): string;
  date(value: Date | string): string;
  dateTime(value: Date | string): string;
  /** Unit names in the locale's order: pinyin for zh-CN. Use as a sort comparator. */
  compareUnitNames(a: string, b: string): number;
}

const cache = new Map<Locale, Formatters>();

export function formattersOf(locale: Locale): Formatters {
  const known = cache.get(locale);
  if (known !== undefined) return known;
  const collator = new Intl.Collator(locale === 'zh-CN' ? 'zh-CN' : 'en', { numeric: true });
  const dateFormat = new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit' });
  const dateTimeFormat = new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
  const made: Formatters = {
    number: (value, options) => new Intl.NumberFormat(locale, options).format(value),
    decimals: (value, digits) =>
      new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
        value,
      ),
    percent: (share, digits = 1) =>
      new Intl.NumberFormat(locale, {
        style: 'percent',
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      }).format(share),
    date: (value) => dateFormat.format(typeof value === 'string' ? new Date(value) : value),
    dateTime: (value) => dateTimeFormat.format(typeof value === 'string' ? new Date(value) : value),
    compareUnitNames: (a, b) => collator.compare(a, b),
  };
  cache.set(locale, made);
  return made;
}
