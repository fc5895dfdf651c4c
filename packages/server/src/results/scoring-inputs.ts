import { createHash } from 'node:crypto';
import { endianness } from 'node:os';
import { gunzipSync, gzipSync } from 'node:zlib';
import {
  SOURCE_INDEX,
  SOURCES,
  type Source,
  type Unit,
  type ValueTable,
  ValueTableBuilder,
} from '@xiaoneng/engine';

/**
 * What a scoring run read: the units as they stood and the approved values, in one canonical byte form.
 * Canonical means order-independent: codes sorted, values sorted by (unit, element, period, source), so the
 * same facts read in any order give the same bytes and so the same SHA-256.
 *
 * Layout: a JSON header line (format, units sorted by code, element and period codes sorted), then one
 * 24-byte record per value: unit index, element index, period index (uint32 LE each), source index
 * (uint32 LE), value (float64 LE). Binary rather than text because a province has millions of values and
 * the hash must cost milliseconds, not seconds.
 */
export interface ScoringInputs {
  units: Unit[];
  values: ValueTable;
}

export interface EncodedInputs {
  hash: string;
  /** gzip of the canonical bytes, base64. */
  blob: string;
  valueCount: number;
}

const RECORD = 24;
const LITTLE_ENDIAN = endianness() === 'LE';

interface Header {
  format: 1;
  units: Unit[];
  elements: string[];
  periods: string[];
}

function byCode(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function canonicalUnit(u: Unit): Unit {
  const out: Unit = { code: u.code, name: u.name, class: u.class };
  if (u.parent !== undefined) out.parent = u.parent;
  if (u.elasticity !== undefined && u.elasticity !== 1) out.elasticity = u.elasticity;
  return out;
}

/** The canonical bytes of `inputs` (see the module comment). */
export function canonicalInputBytes(inputs: ScoringInputs): Buffer {
  const { values } = inputs;
  const units = inputs.units.map(canonicalUnit).sort((a, b) => byCode(a.code, b.code));
  const unitPos = new Map(units.map((u, i) => [u.code, i]));
  const elements = [...new Set(values.elementCodes)].sort(byCode);
  const periods = [...new Set(values.periodCodes)].sort(byCode);
  const elementPos = new Map(elements.map((c, i) => [c, i]));
  const periodPos = new Map(periods.map((c, i) => [c, i]));
  // Interned index → canonical position, once per code rather than once per value.
  const remap = (codes: readonly string[], pos: Map<string, number>, what: string) =>
    Int32Array.from(codes, (c) => {
      const p = pos.get(c);
      if (p === undefined) throw new Error(`value of ${what} "${c}" that is not among the units`);
      return p;
    });
  const uMap = remap(values.unitCodes, unitPos, 'unit');
  const eMap = remap(values.elementCodes, elementPos, 'element');
  const pMap = remap(values.periodCodes, periodPos, 'period');

  const n = values.length;
  const nE = Math.max(1, elements.length);
  const nP = Math.max(1, periods.length);
  const nS = SOURCES.length;
  // One sortable number per value: its composite position, then the row (keys are unique per fact, so the
  // row part only breaks ties between duplicates, which the storage's primary key rules out anyway).
  const keys = new Float64Array(n);
  const span = ((units.length * nE + nE) * nP + nP) * nS;
  if (span * n > Number.MAX_SAFE_INTEGER) throw new RangeError('too many inputs to order canonically');
  for (let i = 0; i < n; i++) {
    const k =
      ((uMap[values.unit[i]!]! * nE + eMap[values.element[i]!]!) * nP + pMap[values.period[i]!]!) * nS;
    keys[i] = (k + values.source[i]!) * n + i;
  }
  keys.sort();

  const header = Buffer.from(
    `${JSON.stringify({ format: 1, units, elements, periods } satisfies Header)}\n`,
    'utf8',
  );
  const body = Buffer.alloc(n * RECORD);
  if (LITTLE_ENDIAN) {
    // The records through typed views of the body (this machine's order is the layout's): the same bytes
    // as writeUInt32LE / writeDoubleLE, without a call per field.
    const words = new Uint32Array(body.buffer, body.byteOffset, n * (RECORD / 4));
    const doubles = new Float64Array(body.buffer, body.byteOffset, n * (RECORD / 8));
    for (let j = 0; j < n; j++) {
      const i = keys[j]! % n;
      const w = j * (RECORD / 4);
      words[w] = uMap[values.unit[i]!]!;
      words[w + 1] = eMap[values.element[i]!]!;
      words[w + 2] = pMap[values.period[i]!]!;
      words[w + 3] = values.source[i]!;
      doubles[j * (RECORD / 8) + 2] = values.value[i]!;
    }
  } else
    for (let j = 0; j < n; j++) {
      const i = keys[j]! % n;
      const o = j * RECORD;
      body.writeUInt32LE(uMap[values.unit[i]!]!, o);
      body.writeUInt32LE(eMap[values.element[i]!]!, o + 4);
      body.writeUInt32LE(pMap[values.period[i]!]!, o + 8);
      body.writeUInt32LE(values.source[i]!, o + 12);
      body.writeDoubleLE(values.value[i]!, o + 16);
    }
  return Buffer.concat([header, body]);
}

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export function encodeInputs(inputs: ScoringInputs): EncodedInputs {
  const bytes = canonicalInputBytes(inputs);
  return {
    hash: sha256(bytes),
    // Level 1: the blob is written once per run and read rarely; speed matters more than the last bytes.
    blob: gzipSync(bytes, { level: 1 }).toString('base64'),
    valueCount: inputs.values.length,
  };
}

/** The inputs a snapshot was scored from, back from its blob. */
export function decodeInputs(blob: string): ScoringInputs {
  const bytes = gunzipSync(Buffer.from(blob, 'base64'));
  const nl = bytes.indexOf(10);
  const header = JSON.parse(bytes.subarray(0, nl).toString('utf8')) as Header;
  const body = bytes.subarray(nl + 1);
  const n = body.length / RECORD;
  const b = new ValueTableBuilder(Math.max(1, n));
  const unitIds = header.units.map((u) => b.unitId(u.code));
  const elementIds = header.elements.map((c) => b.elementId(c));
  const periodIds = header.periods.map((c) => b.periodId(c));
  for (let j = 0; j < n; j++) {
    const o = j * RECORD;
    b.addIds(
      unitIds[body.readUInt32LE(o)]!,
      elementIds[body.readUInt32LE(o + 4)]!,
      periodIds[body.readUInt32LE(o + 8)]!,
      body.readUInt32LE(o + 12),
      body.readDoubleLE(o + 16),
    );
  }
  return { units: header.units, values: b.build() };
}

/** The snapshot hash: the same plan version and the same inputs always give the same one. */
export function snapshotHash(planHash: string, inputsHash: string): string {
  return sha256(`xiaoneng-snapshot\u0000${planHash}\u0000${inputsHash}`);
}

export function sourceIndex(source: Source): number {
  return SOURCE_INDEX[source];
}
