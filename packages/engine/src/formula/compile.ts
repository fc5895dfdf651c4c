import type { BinaryOp, Expr, FunctionName, Shift } from './ast.js';
import { evaluateFormula } from './evaluate.js';
import { divide, roundHalfAway } from './semantics.js';

/** What a compiled formula reads: one column of `length` units per (element, shift); NaN means missing. */
export interface FormulaContext {
  length: number;
  /** Must return an array of exactly `length` values; the formula never writes to it. */
  column(element: string, shift: Shift): Float64Array;
}

/** Evaluates a formula for every unit at once; the returned array is new and belongs to the caller. */
export type CompiledFormula = (ctx: FormulaContext) => Float64Array;

/**
 * One step of the program: `dst` and the operands are slot numbers. Slots are the loaded columns, then
 * the constants, then the scratch registers.
 */
type Instruction =
  | { kind: 'neg' | 'not' | 'abs'; dst: number; a: number }
  | { kind: BinaryOp | 'round'; dst: number; a: number; b: number }
  | { kind: 'if'; dst: number; a: number; b: number; c: number }
  | { kind: Exclude<FunctionName, 'if' | 'abs' | 'round'>; dst: number; args: number[] };

const NO_INPUT = (): undefined => undefined;

type Operand =
  | { kind: 'load'; index: number }
  | { kind: 'reg'; index: number }
  | { kind: 'const'; value: number };

function constant(value: number): Operand {
  return { kind: 'const', value };
}

function num(value: number): Expr {
  return { type: 'num', value };
}

/**
 * Compiles a tree into a program over whole columns (struct-of-arrays): each node is one tight loop over
 * `ctx.length` units, so the hot path allocates nothing per unit. Subtrees without references are folded
 * to constants; scratch columns are reused once their value has been consumed, because every loop reads
 * all operands of unit i before it writes unit i.
 */
export function compileFormula(expr: Expr): CompiledFormula {
  const loads: { element: string; shift: Shift }[] = [];
  const loadIndex = new Map<string, number>();
  const program: Instruction[] = [];
  let registers = 0;
  const free: number[] = [];
  const alloc = (): Operand => ({ kind: 'reg', index: free.pop() ?? registers++ });
  const release = (o: Operand): void => {
    if (o.kind === 'reg') free.push(o.index);
  };
  // Instructions name operands by position in this list; slot numbers are assigned once all are known.
  const operands: Operand[] = [];
  const use = (o: Operand): number => operands.push(o) - 1;
  // Folding evaluates the node over its children's values, so the scalar rules decide, and in O(1).
  const fold = (e: Expr): Operand => constant(evaluateFormula(e, NO_INPUT));

  const emit = (e: Expr): Operand => {
    switch (e.type) {
      case 'num':
        return constant(e.value);
      case 'ref': {
        const key = `${e.shift}\u0000${e.element}`;
        let index = loadIndex.get(key);
        if (index === undefined) {
          index = loads.length;
          loads.push({ element: e.element, shift: e.shift });
          loadIndex.set(key, index);
        }
        return { kind: 'load', index };
      }
      case 'unary': {
        const a = emit(e.arg);
        if (a.kind === 'const') return fold({ type: 'unary', op: e.op, arg: num(a.value) });
        release(a);
        const d = alloc();
        program.push({ kind: e.op === '-' ? 'neg' : 'not', dst: use(d), a: use(a) });
        return d;
      }
      case 'binary': {
        const a = emit(e.left);
        const b = emit(e.right);
        if (a.kind === 'const' && b.kind === 'const') {
          return fold({ type: 'binary', op: e.op, left: num(a.value), right: num(b.value) });
        }
        release(a);
        release(b);
        const d = alloc();
        program.push({ kind: e.op, dst: use(d), a: use(a), b: use(b) });
        return d;
      }
      case 'call': {
        const args = e.args.map(emit);
        if (args.every((a) => a.kind === 'const')) {
          return fold({
            type: 'call',
            fn: e.fn,
            args: args.map((a) => num(a.kind === 'const' ? a.value : 0)),
          });
        }
        for (const a of args) release(a);
        const d = alloc();
        switch (e.fn) {
          case 'if':
            program.push({ kind: 'if', dst: use(d), a: use(args[0]!), b: use(args[1]!), c: use(args[2]!) });
            break;
          case 'abs':
            program.push({ kind: 'abs', dst: use(d), a: use(args[0]!) });
            break;
          case 'round':
            program.push({ kind: 'round', dst: use(d), a: use(args[0]!), b: use(args[1] ?? constant(0)) });
            break;
          default:
            program.push({ kind: e.fn, dst: use(d), args: args.map(use) });
        }
        return d;
      }
    }
  };

  const top = emit(expr);
  // Slots: loaded columns, then distinct constants, then scratch registers.
  const constants: number[] = [];
  const constantSlot = new Map<string, number>();
  const slotOf = (o: Operand): number => {
    if (o.kind === 'load') return o.index;
    if (o.kind === 'reg') return -1 - o.index; // resolved below, once the constants are counted
    const key = Object.is(o.value, -0) ? '-0' : String(o.value);
    let slot = constantSlot.get(key);
    if (slot === undefined) {
      slot = loads.length + constants.length;
      constants.push(o.value);
      constantSlot.set(key, slot);
    }
    return slot;
  };
  const provisional = operands.map(slotOf);
  const topProvisional = slotOf(top);
  const registerBase = loads.length + constants.length;
  const resolve = (s: number): number => (s < 0 ? registerBase - 1 - s : s);
  const slots = provisional.map(resolve);
  for (const ins of program) {
    ins.dst = slots[ins.dst]!;
    if ('args' in ins) ins.args = ins.args.map((i) => slots[i]!);
    else {
      ins.a = slots[ins.a]!;
      if ('b' in ins) ins.b = slots[ins.b]!;
      if ('c' in ins) ins.c = slots[ins.c]!;
    }
  }
  const result = resolve(topProvisional);
  const resultIsScratch = top.kind === 'reg';
  const slotCount = registerBase + registers;

  return (ctx: FormulaContext): Float64Array => {
    const n = ctx.length;
    if (!Number.isInteger(n) || n < 0) {
      throw new RangeError(`FormulaContext.length must be a count, got ${n}`);
    }
    const cols: Float64Array[] = new Array(slotCount);
    // Load first: a column may itself be computed by another formula, which uses the shared scratch
    // columns and is finished before this program starts.
    for (let i = 0; i < loads.length; i++) {
      const { element, shift } = loads[i]!;
      const col = ctx.column(element, shift);
      if (col.length !== n) {
        throw new RangeError(`Column ${shift}(${element}) has ${col.length} values, expected ${n}`);
      }
      cols[i] = col;
    }
    const pool = scratchColumns(slotCount - loads.length, n);
    for (let i = 0; i < constants.length; i++) cols[loads.length + i] = pool[i]!.fill(constants[i]!);
    for (let i = registerBase; i < slotCount; i++) cols[i] = pool[i - loads.length]!;
    if (!resultIsScratch) return cols[result]!.slice();
    // The result leaves the call, so it gets a column of its own.
    cols[result] = new Float64Array(n);
    for (const ins of program) run(ins, cols, n);
    return cols[result]!;
  };
}

/**
 * Scratch columns shared by every compiled formula. A program runs from its first instruction to its last
 * without calling out, so no two programs ever use them at the same time; sharing bounds the memory to the
 * largest program instead of holding columns per formula (a province: 27,000 units × 80 indicators).
 */
let pool: Float64Array[] = [];

function scratchColumns(count: number, n: number): Float64Array[] {
  if (pool.length > 0 && pool[0]!.length !== n) pool = [];
  while (pool.length < count) pool.push(new Float64Array(n));
  return pool;
}

function run(ins: Instruction, cols: Float64Array[], n: number): void {
  const d = cols[ins.dst]!;
  switch (ins.kind) {
    case 'neg':
      neg(d, cols[ins.a]!, n);
      return;
    case 'not':
      not(d, cols[ins.a]!, n);
      return;
    case 'abs':
      abs(d, cols[ins.a]!, n);
      return;
    case 'round':
      round(d, cols[ins.a]!, cols[ins.b]!, n);
      return;
    case 'if':
      choose(d, cols[ins.a]!, cols[ins.b]!, cols[ins.c]!, n);
      return;
    case 'min':
    case 'max':
    case 'sum':
    case 'avg':
    case 'coalesce':
      nary(
        ins.kind,
        d,
        ins.args.map((i) => cols[i]!),
        n,
      );
      return;
    default:
      binary(ins.kind, d, cols[ins.a]!, cols[ins.b]!, n);
      return;
  }
}

// One small function per loop keeps each loop monomorphic for the JIT.

function neg(d: Float64Array, a: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) d[i] = -a[i]!;
}

function not(d: Float64Array, a: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    d[i] = Number.isNaN(x) ? Number.NaN : x === 0 ? 1 : 0;
  }
}

function abs(d: Float64Array, a: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) d[i] = Math.abs(a[i]!);
}

function round(d: Float64Array, a: Float64Array, digits: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) d[i] = roundHalfAway(a[i]!, digits[i]!);
}

function choose(d: Float64Array, c: Float64Array, a: Float64Array, b: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = c[i]!;
    d[i] = Number.isNaN(x) ? Number.NaN : x !== 0 ? a[i]! : b[i]!;
  }
}

function binary(op: BinaryOp, d: Float64Array, a: Float64Array, b: Float64Array, n: number): void {
  switch (op) {
    case '+':
      for (let i = 0; i < n; i++) d[i] = a[i]! + b[i]!;
      return;
    case '-':
      for (let i = 0; i < n; i++) d[i] = a[i]! - b[i]!;
      return;
    case '*':
      for (let i = 0; i < n; i++) d[i] = a[i]! * b[i]!;
      return;
    case '/':
      for (let i = 0; i < n; i++) d[i] = divide(a[i]!, b[i]!);
      return;
    case '<':
      for (let i = 0; i < n; i++) {
        const x = a[i]!;
        const y = b[i]!;
        d[i] = Number.isNaN(x) || Number.isNaN(y) ? Number.NaN : x < y ? 1 : 0;
      }
      return;
    case '<=':
      for (let i = 0; i < n; i++) {
        const x = a[i]!;
        const y = b[i]!;
        d[i] = Number.isNaN(x) || Number.isNaN(y) ? Number.NaN : x <= y ? 1 : 0;
      }
      return;
    case '>':
      for (let i = 0; i < n; i++) {
        const x = a[i]!;
        const y = b[i]!;
        d[i] = Number.isNaN(x) || Number.isNaN(y) ? Number.NaN : x > y ? 1 : 0;
      }
      return;
    case '>=':
      for (let i = 0; i < n; i++) {
        const x = a[i]!;
        const y = b[i]!;
        d[i] = Number.isNaN(x) || Number.isNaN(y) ? Number.NaN : x >= y ? 1 : 0;
      }
      return;
    case '==':
      for (let i = 0; i < n; i++) {
        const x = a[i]!;
        const y = b[i]!;
        d[i] = Number.isNaN(x) || Number.isNaN(y) ? Number.NaN : x === y ? 1 : 0;
      }
      return;
    case '!=':
      for (let i = 0; i < n; i++) {
        const x = a[i]!;
        const y = b[i]!;
        d[i] = Number.isNaN(x) || Number.isNaN(y) ? Number.NaN : x !== y ? 1 : 0;
      }
      return;
    case 'and':
      for (let i = 0; i < n; i++) {
        const x = a[i]!;
        const y = b[i]!;
        d[i] = Number.isNaN(x) || Number.isNaN(y) ? Number.NaN : x !== 0 && y !== 0 ? 1 : 0;
      }
      return;
    case 'or':
      for (let i = 0; i < n; i++) {
        const x = a[i]!;
        const y = b[i]!;
        d[i] = Number.isNaN(x) || Number.isNaN(y) ? Number.NaN : x !== 0 || y !== 0 ? 1 : 0;
      }
      return;
  }
}

function nary(
  fn: 'min' | 'max' | 'sum' | 'avg' | 'coalesce',
  d: Float64Array,
  args: Float64Array[],
  n: number,
): void {
  const k = args.length;
  switch (fn) {
    case 'min':
    case 'max': {
      const isMin = fn === 'min';
      for (let i = 0; i < n; i++) {
        let r = Number.NaN;
        for (let j = 0; j < k; j++) {
          const v = args[j]![i]!;
          if (!Number.isNaN(v) && (Number.isNaN(r) || (isMin ? v < r : v > r))) r = v;
        }
        d[i] = r;
      }
      return;
    }
    case 'sum':
    case 'avg': {
      const isSum = fn === 'sum';
      for (let i = 0; i < n; i++) {
        let s = 0;
        let c = 0;
        for (let j = 0; j < k; j++) {
          const v = args[j]![i]!;
          if (!Number.isNaN(v)) {
            s += v;
            c++;
          }
        }
        d[i] = c === 0 ? Number.NaN : isSum ? s : s / c;
      }
      return;
    }
    case 'coalesce':
      for (let i = 0; i < n; i++) {
        let r = Number.NaN;
        for (let j = 0; j < k; j++) {
          const v = args[j]![i]!;
          if (!Number.isNaN(v)) {
            r = v;
            break;
          }
        }
        d[i] = r;
      }
      return;
  }
}
