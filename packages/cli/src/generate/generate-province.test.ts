import {
  GRADES,
  type IndicatorNode,
  inflationCheck,
  isLeaf,
  type LeafNode,
  type Plan,
  SOURCES,
  score,
  UNIT_FLAG,
  type ValueTable,
} from '@xiaoneng/engine';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type GeneratedProvince, generateProvince } from './generate-province.js';
import { MAX_INDICATORS } from './indicator-catalog.js';
import { RATES } from './value-generator.js';

const gen = (units: number, indicators: number, seed = 1, periods = 1) =>
  generateProvince({ units, indicators, periods, seed });

function leaves(plan: Plan): LeafNode[] {
  const out: LeafNode[] = [];
  const walk = (nodes: readonly IndicatorNode[]) => {
    for (const n of nodes) isLeaf(n) ? out.push(n) : walk(n.children);
  };
  walk(plan.tree);
  return out;
}

/** Values as a map "unit|element|period|source" → value, for lookups in tests. */
function valueMap(t: ValueTable): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i < t.length; i++) {
    const key = `${t.unitCodes[t.unit[i]!]}|${t.elementCodes[t.element[i]!]}|${t.periodCodes[t.period[i]!]}|${SOURCES[t.source[i]!]}`;
    expect(m.has(key), `duplicate row ${key}`).toBe(false);
    m.set(key, t.value[i]!);
  }
  return m;
}

function outOfRange(p: GeneratedProvince): number {
  const t = p.values;
  const range = new Map(
    p.plan.elements.map((e) => [e.code, [e.min ?? -Infinity, e.max ?? Infinity] as const]),
  );
  let n = 0;
  for (let i = 0; i < t.length; i++) {
    const [lo, hi] = range.get(t.elementCodes[t.element[i]!]!)!;
    const v = t.value[i]!;
    if (v < lo || v > hi) n++;
  }
  return n;
}

describe('generateProvince', () => {
  const p = gen(1500, 40, 7);

  it('is deterministic: the same seed gives the same province, another seed another', () => {
    const again = gen(1500, 40, 7);
    expect(again.unitRows).toEqual(p.unitRows);
    expect(again.plan).toEqual(p.plan);
    expect(again.values).toEqual(p.values);
    const other = gen(1500, 40, 8);
    expect(other.plan).toEqual(p.plan);
    expect(other.unitRows.map((r) => r.name)).not.toEqual(p.unitRows.map((r) => r.name));
    expect(other.values.value).not.toEqual(p.values.value);
  });

  it('folds seeds beyond 32 bits without collapsing them onto small ones', () => {
    const big = gen(30, 5, 2 ** 32 + 1);
    const small = gen(30, 5, 1);
    expect(big.values.value).not.toEqual(small.values.value);
  });

  it('gives every unit a class of the plan, and the engine Unit mirrors the row', () => {
    const classes = new Set(p.plan.classes.map((c) => c.code));
    expect(p.units).toHaveLength(1500);
    p.units.forEach((u, i) => {
      const r = p.unitRows[i]!;
      expect(classes.has(u.class)).toBe(true);
      expect(u).toEqual(
        r.parent === ''
          ? { code: r.code, name: r.name, class: r.class, elasticity: r.elasticity }
          : { code: r.code, name: r.name, class: r.class, parent: r.parent, elasticity: r.elasticity },
      );
    });
  });

  it('only has values for known units and reported (not computed) elements of the plan', () => {
    const units = new Set(p.units.map((u) => u.code));
    const elements = new Map(p.plan.elements.map((e) => [e.code, e]));
    const t = p.values;
    const usedElements = new Set<number>();
    for (let i = 0; i < t.length; i++) usedElements.add(t.element[i]!);
    for (const code of t.unitCodes) expect(units.has(code)).toBe(true);
    for (const id of usedElements) {
      const e = elements.get(t.elementCodes[id]!);
      expect(e, t.elementCodes[id]).toBeDefined();
      expect(e!.formula, e!.code).toBeUndefined();
    }
    expect([...t.periodCodes]).toEqual(['2025', '2026']);
    expect(t.value.every(Number.isFinite)).toBe(true);
  });

  it('prints values compactly: at most four decimals', () => {
    const loose = [...p.values.value]
      .map(String)
      .filter((s) => /e/.test(s) || (s.split('.')[1]?.length ?? 0) > 4);
    expect(loose).toEqual([]);
  });

  it('keeps values within min/max except the outliers it counts', () => {
    const big = gen(6000, 80, 3);
    expect(big.stats.outliers).toBeGreaterThan(0);
    expect(outOfRange(big)).toBe(big.stats.outliers);
    expect(big.stats.outliers / big.stats.bySource.self).toBeLessThan(0.005);
    expect(outOfRange(p)).toBe(p.stats.outliers);
  });

  it('leaves a few per cent of self-reports missing', () => {
    const share = p.stats.missing / (p.stats.missing + p.stats.bySource.self);
    expect(share).toBeGreaterThan(0.005);
    expect(share).toBeLessThan(0.04);
  });

  it('writes the year before only for elements read with lastYear()/prev() or carried', () => {
    const t = p.values;
    const earlier = new Set<string>();
    for (let i = 0; i < t.length; i++) {
      if (t.periodCodes[t.period[i]!] === '2025') {
        earlier.add(t.elementCodes[t.element[i]!]!);
        expect(SOURCES[t.source[i]!]).toBe('self');
      }
    }
    const expected = new Set<string>();
    for (const l of leaves(p.plan)) {
      for (const m of l.formula.matchAll(/(?:lastYear|prev)\(#\{([^}]+)\}\)/g)) expected.add(m[1]!);
      if (l.missing === 'carry') for (const m of l.formula.matchAll(/#\{([^}]+)\}/g)) expected.add(m[1]!);
    }
    expect(earlier).toEqual(expected);
    expect(earlier.has('approval.days')).toBe(true);
    expect(earlier.has('staff.avgAge')).toBe(true);
  });

  it('measures satisfaction three ways: self, third party for a sample, survey for most', () => {
    const t = p.values;
    const counts = { self: 0, thirdParty: 0, inspection: 0, survey: 0 };
    for (let i = 0; i < t.length; i++) {
      if (t.elementCodes[t.element[i]!] === 'service.satisfaction') counts[SOURCES[t.source[i]!]!]++;
    }
    expect(counts.survey / 1500).toBeGreaterThan(0.9);
    expect(counts.thirdParty / 1500).toBeGreaterThan(0.08);
    expect(counts.thirdParty / 1500).toBeLessThan(0.2);
    expect(counts.inspection).toBe(0);
    expect(p.stats.bySource.inspection).toBeGreaterThan(0);
  });

  it('makes inflating units report 10–30% above the verified values, and honest ones within a few per cent', () => {
    const values = valueMap(p.values);
    const inflated = new Set(p.stats.inflatedUnits);
    expect(inflated.size).toBe(Math.round(1500 * RATES.inflated));
    const verified = leaves(p.plan).filter((l) => /^#\{[^}]+\}( \/ #\{[^}]+\})?$/.test(l.formula));
    let cheatPairs = 0;
    let honestPairs = 0;
    for (const u of p.units) {
      for (const l of verified) {
        const refs = [...l.formula.matchAll(/#\{([^}]+)\}/g)].map((m) => m[1]!);
        const read = (source: string) => refs.map((r) => values.get(`${u.code}|${r}|2026|${source}`));
        const checked = [...read('inspection'), ...read('thirdParty')].filter((v) => v !== undefined);
        if (checked.length !== refs.length) continue;
        const self = read('self');
        if (self.some((v) => v === undefined)) continue;
        const ratio = (vs: number[]) => (vs.length === 1 ? vs[0]! : vs[0]! / vs[1]!);
        const gap = ratio(self as number[]) / ratio(checked) - 1;
        if (inflated.has(u.code)) {
          cheatPairs++;
          expect(gap, `${u.code} ${l.code}`).toBeGreaterThanOrEqual(0.1 - 1e-9);
          expect(gap, `${u.code} ${l.code}`).toBeLessThanOrEqual(0.3 + 1e-9);
        } else {
          honestPairs++;
          expect(Math.abs(gap), `${u.code} ${l.code}`).toBeLessThan(0.08);
        }
      }
    }
    expect(cheatPairs).toBeGreaterThanOrEqual(2 * inflated.size);
    expect(honestPairs).toBeGreaterThan(100);
  });

  it('lets the engine’s inflation check find exactly the inflating units', () => {
    const report = inflationCheck(p.plan, p.units, p.values, { period: '2026' });
    const flagged = report.units.filter((u) => u.flagged).map((u) => u.code);
    expect(new Set(flagged)).toEqual(new Set(p.stats.inflatedUnits));
  });

  it('scales with N and M', () => {
    const sizes = [
      [50, 20],
      [500, 20],
      [500, 60],
    ] as const;
    const rows = sizes.map(([n, m]) => {
      const g = gen(n, m);
      expect(g.units).toHaveLength(n);
      expect(leaves(g.plan)).toHaveLength(m);
      expect(g.stats.leaves).toBe(m);
      return g.values.length;
    });
    expect(rows[1]! / rows[0]!).toBeGreaterThan(7);
    expect(rows[2]!).toBeGreaterThan(rows[1]! * 1.2);
  });

  it('generates P consecutive years ending at the last year', () => {
    const g = generateProvince({ units: 60, indicators: 20, periods: 3, seed: 2, lastYear: 2030 });
    expect(g.periods).toEqual(['2028', '2029', '2030']);
    expect([...g.values.periodCodes].sort()).toEqual(['2027', '2028', '2029', '2030']);
  });

  it('holds its invariants for any small option set', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: 5, max: MAX_INDICATORS }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer(),
        (n, m, periods, seed) => {
          const g = generateProvince({ units: n, indicators: m, periods, seed });
          expect(g.units).toHaveLength(n);
          expect(new Set(g.units.map((u) => u.code)).size).toBe(n);
          expect(g.stats.leaves).toBe(m);
          expect(outOfRange(g)).toBe(g.stats.outliers);
          const codes = new Set(g.units.map((u) => u.code));
          for (const u of g.units) if (u.parent !== undefined) expect(codes.has(u.parent)).toBe(true);
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('scoring a generated province', () => {
  const p = gen(3000, 80, 11);
  const rs = score(p.plan, p.units, p.values, { period: '2026' });

  it('gives totals mostly within 40–100 and a sensible spread', () => {
    const totals = [...rs.total];
    const within = totals.filter((t) => t >= 40 && t <= 100).length / totals.length;
    expect(within).toBeGreaterThan(0.97);
    const sorted = totals.slice().sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    expect(median).toBeGreaterThan(70);
    expect(median).toBeLessThan(90);
    const inRange = totals.filter((t) => t >= 60 && t <= 95).length / totals.length;
    expect(inRange).toBeGreaterThan(0.75);
  });

  it('hands out every grade, none to everyone, and keeps A within its 20% quota', () => {
    const counts = GRADES.map((_, g) => rs.grade.filter((x) => x === g).length);
    for (const c of counts) expect(c).toBeGreaterThan(0);
    expect(Math.max(...counts) / rs.grade.length).toBeLessThan(0.6);
    for (const c of rs.classes) {
      const members = rs.units.flatMap((u, i) => (u.class === c.code ? [i] : []));
      const a = members.filter((i) => rs.grade[i] === 0).length;
      expect(a, c.code).toBeLessThanOrEqual(Math.floor(0.2 * members.length));
    }
  });

  it('vetoes rarely', () => {
    const vetoed = rs.unitFlags.filter((f) => (f & UNIT_FLAG.veto) !== 0).length;
    expect(vetoed).toBeGreaterThanOrEqual(0);
    expect(vetoed / rs.units.length).toBeLessThan(0.01);
  });
});
