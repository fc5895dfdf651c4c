import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateProvince } from './generate-province.js';
import { csvField, FILES, formatValue, writeProvince } from './write-province.js';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'xn-generate-'));
  dirs.push(d);
  return d;
}
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const options = { units: 200, indicators: 30, periods: 2, seed: 5 };

async function writeTo(seed: number) {
  const dir = await tempDir();
  const p = generateProvince({ ...options, seed });
  const out = await writeProvince(join(dir, 'nested', 'out'), p);
  const read = (f: string) => readFile(join(dir, 'nested', 'out', f));
  return { p, out, read };
}

describe('csvField and formatValue', () => {
  it('quotes only fields that need it', () => {
    expect(csvField('柳林村')).toBe('柳林村');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });

  it('prints numbers in their shortest form', () => {
    expect([0.95, 12, 1234.5, -0, 0.0001, 78.6].map(formatValue)).toEqual([
      '0.95',
      '12',
      '1234.5',
      '0',
      '0.0001',
      '78.6',
    ]);
  });
});

describe('writeProvince', () => {
  let a: Awaited<ReturnType<typeof writeTo>>;
  beforeAll(async () => {
    a = await writeTo(5);
  });

  it('writes the four files into a directory it creates', () => {
    expect(a.out.files.map((f) => f.split('/').at(-1))).toEqual([
      FILES.plan,
      FILES.units,
      FILES.values,
      FILES.readme,
    ]);
    expect(a.out.valueRows).toBe(a.p.values.length);
  });

  it('writes plan.json as 2-space JSON that reads back as the plan', async () => {
    const text = (await a.read(FILES.plan)).toString('utf8');
    expect(text.startsWith('{\n  "format": 1,\n  "id": ')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(a.p.plan);
  });

  it('writes units.csv with its header and one line per unit', async () => {
    const bytes = await a.read(FILES.units);
    expect([...bytes.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('code,name,class,parent,level,elasticity');
    expect(lines).toHaveLength(201);
    const first = a.p.unitRows[0]!;
    expect(lines[1]).toBe(
      `${first.code},${first.name},${first.class},${first.parent},${first.level},${first.elasticity}`,
    );
    const village = a.p.unitRows.find((r) => r.level === 'village')!;
    expect(lines).toContain(
      `${village.code},${village.name},village,${village.parent},village,${village.elasticity}`,
    );
  });

  it('writes values.csv in long format, one line per value, no BOM', async () => {
    const bytes = await a.read(FILES.values);
    expect([...bytes.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').split('\n');
    expect(lines[0]).toBe('unit,element,period,source,value');
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(a.p.values.length + 2);
    const t = a.p.values;
    for (const i of [0, 1, Math.floor(t.length / 2), t.length - 1]) {
      const [unit, element, period, source, value] = lines[i + 1]!.split(',');
      expect(unit).toBe(t.unitCodes[t.unit[i]!]);
      expect(element).toBe(t.elementCodes[t.element[i]!]);
      expect(period).toBe(t.periodCodes[t.period[i]!]);
      expect(['self', 'thirdParty', 'inspection', 'survey']).toContain(source);
      expect(Number(value)).toBe(t.value[i]);
    }
  });

  it('writes a README that says what was generated', async () => {
    const text = (await a.read(FILES.readme)).toString('utf8');
    expect(text).toContain('种子 seed: 5');
    expect(text).toContain('--units 200 --indicators 30 --periods 2 --seed 5');
    expect(text).toContain('考核周期 periods: 2025, 2026');
    expect(text).toContain(`数据 values: ${a.p.values.length} 行 rows`);
    expect(text).toContain(`末级指标 leaf indicators: 30`);
    expect(text).toContain(
      `自评虚高单位 units inflating self-reports by 10–30%: ${a.p.stats.inflatedUnits.length}`,
    );
  });

  it('writes byte-identical files for the same seed and different values for another', async () => {
    const b = await writeTo(5);
    const c = await writeTo(6);
    for (const f of Object.values(FILES)) expect((await b.read(f)).equals(await a.read(f)), f).toBe(true);
    expect((await c.read(FILES.plan)).equals(await a.read(FILES.plan))).toBe(true);
    expect((await c.read(FILES.values)).equals(await a.read(FILES.values))).toBe(false);
    expect((await c.read(FILES.units)).equals(await a.read(FILES.units))).toBe(false);
  });
});
