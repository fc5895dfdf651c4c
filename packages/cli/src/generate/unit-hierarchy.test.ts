import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Prng } from './prng.js';
import { CLASS_CODES } from './unit-classes.js';
import { buildHierarchy, levelCounts, split, type UnitRow } from './unit-hierarchy.js';
import { ordinal, placeName } from './unit-names.js';

const total = (c: ReturnType<typeof levelCounts>) =>
  c.departments + c.cities + c.counties + c.towns + c.villages;

describe('levelCounts', () => {
  it('gives a small but complete hierarchy for 50 units', () => {
    // departments round(√50 / 4) = 2; the other 48: 1 city, 1 county, round(48/14) = 3 towns, 43 villages.
    expect(levelCounts(50)).toEqual({ departments: 2, cities: 1, counties: 1, towns: 3, villages: 43 });
  });

  it('gives a province of mostly villages for 27 000 units', () => {
    // departments round(√27000 / 4) = 41; of 26 959 places: cities 18 capped at 17, counties
    // round(26959/170) = 159, towns round(26959/14) = 1926, villages the rest.
    expect(levelCounts(27000)).toEqual({
      departments: 41,
      cities: 17,
      counties: 159,
      towns: 1926,
      villages: 24857,
    });
  });

  it('builds a chain from the city down when units are very few', () => {
    expect(levelCounts(1)).toEqual({ departments: 0, cities: 1, counties: 0, towns: 0, villages: 0 });
    expect(levelCounts(3)).toEqual({ departments: 0, cities: 1, counties: 1, towns: 1, villages: 0 });
    expect(levelCounts(6)).toEqual({ departments: 2, cities: 1, counties: 1, towns: 1, villages: 1 });
  });

  it('always adds up to n and never goes negative', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), (n) => {
        const c = levelCounts(n);
        expect(total(c)).toBe(n);
        for (const v of Object.values(c)) expect(v).toBeGreaterThanOrEqual(0);
        if (n >= 10) expect(c.villages).toBeGreaterThan(c.towns);
      }),
    );
  });
});

describe('split', () => {
  it('gives every part at least one and adds up to the total', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 0, max: 5000 }), (parts, extra) => {
        const out = split(new Prng(parts + extra), parts + extra, parts);
        expect(out.reduce((a, b) => a + b, 0)).toBe(parts + extra);
        expect(Math.min(...out)).toBeGreaterThanOrEqual(1);
      }),
    );
  });

  it('is uneven but not wildly so', () => {
    const out = split(new Prng(1), 1000, 10);
    expect(new Set(out).size).toBeGreaterThan(1);
    expect(Math.max(...out) / Math.min(...out)).toBeLessThan(2.5);
  });
});

describe('place names', () => {
  it('writes Chinese ordinals', () => {
    expect([1, 2, 10, 12, 20, 35, 105].map(ordinal)).toEqual([
      '一',
      '二',
      '十',
      '十二',
      '二十',
      '三十五',
      '一〇五',
    ]);
  });

  it('stays unique among siblings even when syllables run out', () => {
    const taken = new Set<string>();
    const rng = new Prng(9);
    const names = Array.from({ length: 3000 }, () => placeName(rng, 'town', taken));
    expect(new Set(names).size).toBe(3000);
    for (const n of names) expect(n.endsWith('镇')).toBe(true);
  });
});

function byCode(rows: readonly UnitRow[]) {
  return new Map(rows.map((r) => [r.code, r]));
}

describe('buildHierarchy', () => {
  const { rows, profiles } = buildHierarchy(new Prng(123), 3000, '37');
  const index = byCode(rows);

  it('has n units with unique codes and per-unit profiles', () => {
    expect(rows).toHaveLength(3000);
    expect(index.size).toBe(3000);
    expect(profiles.scale).toHaveLength(3000);
    expect(profiles.ability).toHaveLength(3000);
    for (const s of profiles.scale) expect(s).toBeGreaterThan(0);
  });

  it('uses GB/T 2260-style codes whose prefixes follow the hierarchy', () => {
    const width = { city: 6, county: 6, town: 9, village: 12 } as const;
    for (const r of rows) {
      if (r.level === 'department') {
        expect(r.code).toMatch(/^D\d{3}$/);
        expect(r.parent).toBe('');
        continue;
      }
      expect(r.code).toMatch(/^37\d+$/);
      expect(r.code).toHaveLength(width[r.level]);
      if (r.level === 'city') {
        expect(r.code.endsWith('00')).toBe(true);
        expect(r.parent).toBe('');
        continue;
      }
      const parent = index.get(r.parent);
      expect(parent, r.code).toBeDefined();
      const prefix = r.level === 'county' ? parent!.code.slice(0, 4) : parent!.code;
      expect(r.code.startsWith(prefix)).toBe(true);
      expect(parent!.level).toBe({ county: 'city', town: 'county', village: 'town' }[r.level]);
    }
  });

  it('gives names whose suffix matches the code range, unique among siblings', () => {
    const siblings = new Map<string, Set<string>>();
    for (const r of rows) {
      const set = siblings.get(r.parent) ?? new Set<string>();
      expect(set.has(r.name), `${r.name} twice under ${r.parent}`).toBe(false);
      set.add(r.name);
      siblings.set(r.parent, set);
      if (r.level === 'county') {
        const n = Number(r.code.slice(4));
        expect(r.name.at(-1)).toBe(n <= 20 ? '区' : n <= 80 ? '县' : '市');
      }
      if (r.level === 'town') {
        const n = Number(r.code.slice(6));
        const suffix = n < 100 ? '街道' : n < 200 ? '镇' : '乡';
        expect(r.name.endsWith(suffix), r.name).toBe(true);
      }
      if (r.level === 'village') {
        const n = Number(r.code.slice(9));
        expect(r.name.endsWith(n < 200 ? '社区' : '村'), r.name).toBe(true);
      }
    }
  });

  it('puts every unit in a known class that matches its level', () => {
    const expected = { city: ['city'], county: ['county'], town: ['street'], village: ['village'] } as const;
    for (const r of rows) {
      expect(CLASS_CODES).toContain(r.class);
      if (r.level === 'department') expect(r.class.startsWith('dept-')).toBe(true);
      else expect(expected[r.level]).toContain(r.class);
    }
  });

  it('keeps elasticity within 0.8–1.2, mostly 1, higher where ability is lower', () => {
    const e = rows.map((r) => r.elasticity);
    expect(Math.min(...e)).toBeGreaterThanOrEqual(0.8);
    expect(Math.max(...e)).toBeLessThanOrEqual(1.2);
    const ones = e.filter((x) => x === 1).length / e.length;
    expect(ones).toBeGreaterThan(0.5);
    expect(new Set(e).size).toBeGreaterThan(2);
    const meanAbility = (pred: (x: number) => boolean) => {
      const xs = rows.flatMap((r, i) => (pred(r.elasticity) ? [profiles.ability[i]!] : []));
      return xs.reduce((a, b) => a + b, 0) / xs.length;
    };
    expect(meanAbility((x) => x > 1)).toBeLessThan(meanAbility((x) => x === 1));
  });

  it('is the same for the same seed and different for another', () => {
    const again = buildHierarchy(new Prng(123), 3000, '37');
    expect(again.rows).toEqual(rows);
    const other = buildHierarchy(new Prng(124), 3000, '37');
    expect(other.rows.map((r) => r.name)).not.toEqual(rows.map((r) => r.name));
  });

  it('honours another province code', () => {
    const h = buildHierarchy(new Prng(1), 40, '52');
    for (const r of h.rows) if (r.level !== 'department') expect(r.code.startsWith('52')).toBe(true);
  });
});
