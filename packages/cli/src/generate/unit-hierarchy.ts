import type { Prng } from './prng.js';
import type { ClassCode } from './unit-classes.js';
import { DEPARTMENTS, type PlaceKind, placeName } from './unit-names.js';

export type UnitLevel = 'department' | 'city' | 'county' | 'town' | 'village';

/** One line of units.csv. */
export interface UnitRow {
  code: string;
  name: string;
  class: ClassCode;
  /** Parent unit's code; '' for departments and cities (the province itself is the assessor, not a unit). */
  parent: string;
  level: UnitLevel;
  /** 弹性系数: 1 for most units, higher in hard areas (mountains, weak economy), lower in easy urban cores. */
  elasticity: number;
}

/** What the value generator needs to know about each unit beyond its row. */
export interface UnitProfiles {
  /** Size of the unit's workload: a village about 1.5, a town 20, a county 250, a city 2000. */
  scale: Float64Array;
  /** How well the unit performs, in standard deviations; hard areas are lower on average. */
  ability: Float64Array;
}

export interface Hierarchy {
  rows: UnitRow[];
  profiles: UnitProfiles;
}

export interface LevelCounts {
  departments: number;
  cities: number;
  counties: number;
  towns: number;
  villages: number;
}

const MAX_CITIES = 17;
/** Two-digit county codes: districts 02–20, counties 21–80, county-level cities 81–99. */
const MAX_COUNTIES_PER_CITY = 60;

/**
 * How many units of each level a province of n units has. Small n still gets every level (n = 50: 2
 * departments, a city, a county, 3 towns, 43 villages); large n is mostly villages and communities, as real
 * provinces are (27 000: 41 departments, 17 cities, 159 counties, about 1 900 towns, 24 900 villages).
 */
export function levelCounts(n: number): LevelCounts {
  const departments = n < 6 ? Math.max(0, n - 4) : clamp(Math.round(Math.sqrt(n) / 4), 2, DEPARTMENTS.length);
  const r = n - departments;
  if (r < 4) {
    // Fewer than four places: one chain from the city down, as far as it reaches.
    return {
      departments,
      cities: 1,
      counties: r >= 2 ? 1 : 0,
      towns: r >= 3 ? 1 : 0,
      villages: 0,
    };
  }
  const cities = clamp(Math.round(r / 1500), 1, MAX_CITIES);
  const counties = clamp(Math.round(r / 170), cities, cities * MAX_COUNTIES_PER_CITY);
  const towns = Math.max(counties, Math.round(r / 14));
  return { departments, cities, counties, towns, villages: r - cities - counties - towns };
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

/** Splits `total` into `parts` uneven shares of at least `min` each (largest remainder, seeded weights). */
export function split(rng: Prng, total: number, parts: number, min = 1): number[] {
  if (parts === 0) return [];
  const out = new Array<number>(parts).fill(min);
  const rest = total - min * parts;
  if (rest <= 0) {
    // Not enough for everyone: the first parts get one each.
    for (let i = 0; i < parts; i++) out[i] = i < total ? Math.min(min, 1) : 0;
    return out;
  }
  const w = Array.from({ length: parts }, () => 0.6 + 0.8 * rng.next());
  const sum = w.reduce((a, b) => a + b, 0);
  const exact = w.map((x) => (x / sum) * rest);
  let given = 0;
  for (let i = 0; i < parts; i++) {
    const f = Math.floor(exact[i]!);
    out[i]! += f;
    given += f;
  }
  const order = exact
    .map((x, i) => [x - Math.floor(x), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; k < rest - given; k++) out[order[k]![1]]! += 1;
  return out;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Kinds and code numbers of `k` children: e.g. counties split into districts, counties, county-level cities. */
function childSlots(
  k: number,
  kinds: readonly { kind: PlaceKind; share: number; first: number; last: number }[],
): { kind: PlaceKind; number: number }[] {
  const counts = kinds.map((x) => Math.round(x.share * k));
  // The first kind takes whatever rounding left over, and every kind respects its code range.
  counts[0] = k - counts.slice(1).reduce((a, b) => a + b, 0);
  for (let i = 0; i < kinds.length; i++) {
    const cap = kinds[i]!.last - kinds[i]!.first + 1;
    if (counts[i]! < 0) {
      counts[(i + 1) % kinds.length]! += counts[i]!;
      counts[i] = 0;
    }
    if (counts[i]! > cap) {
      counts[(i + 1) % kinds.length]! += counts[i]! - cap;
      counts[i] = cap;
    }
  }
  const out: { kind: PlaceKind; number: number }[] = [];
  kinds.forEach((x, i) => {
    for (let j = 0; j < counts[i]!; j++) out.push({ kind: x.kind, number: x.first + j });
  });
  if (out.length !== k) throw new Error(`cannot give ${k} children codes`);
  // Listed in code order, as registers list them.
  return out.sort((a, b) => a.number - b.number);
}

const COUNTY_KINDS = (k: number) =>
  childSlots(k, [
    { kind: 'district', share: k === 1 ? 1 : 0.3, first: 2, last: 20 },
    { kind: 'county', share: k === 1 ? 0 : 0.58, first: 21, last: 80 },
    { kind: 'countyCity', share: k === 1 ? 0 : 0.12, first: 81, last: 99 },
  ]);

/** Towns of a county: urban districts are mostly streets (街道), rural counties mostly towns and townships. */
function townKinds(parent: PlaceKind, t: number) {
  const street = parent === 'district' ? 0.75 : parent === 'countyCity' ? 0.35 : 0.15;
  const township = parent === 'county' ? 0.2 : 0;
  return childSlots(t, [
    { kind: 'town', share: 1 - street - township, first: 100, last: 199 },
    { kind: 'street', share: street, first: 1, last: 99 },
    { kind: 'township', share: township, first: 200, last: 299 },
  ]);
}

/** Villages of a town: a street's are communities (社区), a town's mostly villages (村). */
function villageKinds(parent: PlaceKind, v: number) {
  const community = parent === 'street' ? 0.9 : 0.12;
  return childSlots(v, [
    { kind: 'village', share: 1 - community, first: 200, last: 999 },
    { kind: 'community', share: community, first: 1, last: 199 },
  ]);
}

/** Builds the units of a province: departments first, then cities depth first down to villages. */
export function buildHierarchy(rng: Prng, n: number, provinceCode: string): Hierarchy {
  const counts = levelCounts(n);
  const rows: UnitRow[] = [];
  const scale: number[] = [];
  const ability: number[] = [];
  const add = (row: Omit<UnitRow, 'elasticity'>, difficulty: number, size: number) => {
    const d = clamp(difficulty, -1, 3);
    rows.push({ ...row, elasticity: Math.round((1 + 0.05 * d) * 100) / 100 });
    scale.push(size * Math.exp(0.45 * rng.normal()));
    // Hard areas do worse; their elasticity coefficient is what makes up for it on core indicators.
    ability.push(rng.normal() - 0.3 * d);
  };

  for (let i = 0; i < counts.departments; i++) {
    const [name, cls] = DEPARTMENTS[i]!;
    add(
      { code: `D${pad(i + 1, 3)}`, name, class: cls, parent: '', level: 'department' },
      rng.chance(0.15) ? 1 : 0,
      150,
    );
  }

  const countiesPerCity = counts.counties > 0 ? split(rng, counts.counties, counts.cities) : [];
  const townsPerCounty = split(rng, counts.towns, counts.counties);
  const villagesPerTown = split(rng, counts.villages, counts.towns);
  let countyIndex = 0;
  let townIndex = 0;
  const cityNames = new Set<string>();
  for (let c = 0; c < counts.cities; c++) {
    const cityCode = `${provinceCode}${pad(c + 1, 2)}`;
    const cityDifficulty = rng.chance(0.2) ? 1 : 0;
    add(
      {
        code: `${cityCode}00`,
        name: placeName(rng, 'city', cityNames),
        class: 'city',
        parent: '',
        level: 'city',
      },
      cityDifficulty,
      2000,
    );
    const k = countiesPerCity[c] ?? 0;
    const countyNames = new Set<string>();
    for (const slot of COUNTY_KINDS(k)) {
      const countyCode = `${cityCode}${pad(slot.number, 2)}`;
      const r = rng.next();
      const countyDifficulty =
        slot.kind === 'district'
          ? r < 0.4
            ? -1
            : 0
          : cityDifficulty + (r < 0.1 ? 2 : r < (slot.kind === 'county' ? 0.3 : 0.2) ? 1 : 0);
      add(
        {
          code: countyCode,
          name: placeName(rng, slot.kind, countyNames),
          class: 'county',
          parent: `${cityCode}00`,
          level: 'county',
        },
        countyDifficulty,
        250,
      );
      const t = townsPerCounty[countyIndex++] ?? 0;
      const townNames = new Set<string>();
      for (const townSlot of townKinds(slot.kind, t)) {
        const townCode = `${countyCode}${pad(townSlot.number, 3)}`;
        const townDifficulty = countyDifficulty + (rng.chance(0.1) ? 1 : 0);
        add(
          {
            code: townCode,
            name: placeName(rng, townSlot.kind, townNames),
            class: 'street',
            parent: countyCode,
            level: 'town',
          },
          townDifficulty,
          townSlot.kind === 'street' ? 30 : 20,
        );
        const v = villagesPerTown[townIndex++] ?? 0;
        const villageNames = new Set<string>();
        for (const villageSlot of villageKinds(townSlot.kind, v)) {
          add(
            {
              code: `${townCode}${pad(villageSlot.number, 3)}`,
              name: placeName(rng, villageSlot.kind, villageNames),
              class: 'village',
              parent: townCode,
              level: 'village',
            },
            townDifficulty + (rng.chance(0.06) ? 1 : 0),
            villageSlot.kind === 'community' ? 3 : 1.5,
          );
        }
      }
    }
  }
  return { rows, profiles: { scale: Float64Array.from(scale), ability: Float64Array.from(ability) } };
}
