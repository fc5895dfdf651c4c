/**
 * Scalar rules shared by `evaluateFormula` and `compileFormula`, so that both give bit-identical results.
 * NaN means missing throughout.
 */

/** Division by zero is missing (NaN), so the plan's missing-value policy decides, not an infinity. */
export function divide(a: number, b: number): number {
  return b === 0 ? Number.NaN : a / b;
}

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10];

/**
 * Rounds half away from zero to `digits` decimals (0–10, otherwise NaN), on the decimal a person sees:
 * `round(1.005, 2)` is 1.01 as in a spreadsheet, although the double 1.005 lies just below 1.005.
 */
export function roundHalfAway(x: number, digits: number): number {
  if (!Number.isFinite(x)) return x;
  const p = POW10[digits];
  if (p === undefined) return Number.NaN;
  const abs = Math.abs(x);
  const y = abs * p;
  const floor = Math.floor(y);
  const frac = y - floor;
  let r: number;
  // Far from a tie, binary rounding errors (a few ulps of y) cannot change the outcome.
  if (Math.abs(frac - 0.5) > y * 4e-15) {
    r = frac < 0.5 ? floor : floor + 1;
  } else {
    // Near a tie, shift the shortest decimal representation exactly by editing its exponent.
    const s = String(abs);
    const e = s.indexOf('e');
    const shifted =
      e < 0 ? Number(`${s}e${digits}`) : Number(`${s.slice(0, e)}e${Number(s.slice(e + 1)) + digits}`);
    r = Math.round(shifted);
  }
  if (r === 0) return 0;
  const rounded = r / p;
  return x < 0 ? -rounded : rounded;
}
