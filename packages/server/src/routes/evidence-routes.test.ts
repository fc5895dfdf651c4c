import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EvidenceStore } from '../evidence/evidence-store.js';
import { auditActions, makeApp, type Session, seedUser, signIn, TestClock } from '../test/app-fixture.js';
import { seedPublishedPlan } from '../test/domain-fixtures.js';
import { seedProvince } from '../test/fixtures.js';
import { DIALECTS, useTestDatabase } from '../test/test-context.js';

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('台账扫描件 '.repeat(20))]);
const BOUNDARY = '----xn-test-boundary';

function multipart(
  fileName: string,
  type: string,
  content: Buffer,
): { payload: Buffer; headers: Record<string, string> } {
  const head = Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`,
  );
  return {
    payload: Buffer.concat([head, content, Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
  };
}

describe.each(DIALECTS)('evidence on %s', (dialect) => {
  const ctx = useTestDatabase(dialect);
  const dir = mkdtempSync(join(tmpdir(), 'xn-evidence-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function world() {
    const province = await seedProvince(ctx.db);
    await seedPublishedPlan(ctx.db, province);
    await ctx.db
      .updateTable('period')
      .set({ deadline: null })
      .where('province_code', '=', province)
      .execute();
    const app = await makeApp(ctx.db, new TestClock(), { evidence: { directory: dir, maxBytes: 1000 } });
    const as = async (roles: Parameters<typeof seedUser>[2], unitCode: string | null = null) =>
      signIn(app, (await seedUser(ctx.db, province, roles, { unitCode })).username);
    return {
      province,
      app,
      reporter: await as(['reporter'], '330106'),
      leader: await as(['leader'], '330106'),
      cityLeader: await as(['leader'], '330100'),
      office: await as(['office']),
    };
  }

  const upload = (
    w: Awaited<ReturnType<typeof world>>,
    s: Session,
    name: string,
    type: string,
    content: Buffer,
  ) => {
    const m = multipart(name, type, content);
    return w.app.inject({
      method: 'POST',
      url: '/api/evidence',
      headers: { ...s.headers, ...m.headers, 'accept-language': 'en' },
      payload: m.payload,
    });
  };

  it('stores a file once by its SHA-256, links it to a value and lets readers of that value download it', async () => {
    const w = await world();
    const first = await upload(w, w.reporter, '办结台账.pdf', 'application/pdf', PDF);
    expect(first.statusCode).toBe(201);
    const hash = EvidenceStore.hashOf(PDF);
    expect(first.json()).toMatchObject({
      hash,
      size: PDF.length,
      mediaType: 'application/pdf',
      fileName: '办结台账.pdf',
      duplicate: false,
    });
    expect(existsSync(join(dir, hash.slice(0, 2), hash))).toBe(true);
    const again = await upload(w, w.office, 'copy.pdf', 'application/pdf', PDF);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ hash, fileName: '办结台账.pdf', duplicate: true });
    const rows = await ctx.db
      .selectFrom('evidence')
      .select('hash')
      .where('province_code', '=', w.province)
      .execute();
    expect(rows).toHaveLength(1);
    expect((await auditActions(ctx.db, w.province)).filter((a) => a === 'evidence.upload')).toHaveLength(1);

    // Not linked yet: only its uploader may read it.
    const early = await w.app.inject({
      method: 'GET',
      url: `/api/evidence/${hash}`,
      headers: w.leader.headers,
    });
    expect(early.statusCode).toBe(403);
    const own = await w.app.inject({
      method: 'GET',
      url: `/api/evidence/${hash}`,
      headers: w.reporter.headers,
    });
    expect(own.statusCode).toBe(200);

    const saved = await w.app.inject({
      method: 'PUT',
      url: '/api/submissions/P2026/2026Q1/330106/values',
      headers: w.reporter.headers,
      payload: { values: [{ element: 'cases.done', value: 80, evidenceHash: hash }], version: 0 },
    });
    expect(saved.statusCode).toBe(200);
    const down = await w.app.inject({
      method: 'GET',
      url: `/api/evidence/${hash}`,
      headers: w.leader.headers,
    });
    expect(down.statusCode).toBe(200);
    expect(down.headers['content-type']).toBe('application/pdf');
    expect(down.headers['content-disposition']).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent('办结台账.pdf')}`,
    );
    expect(down.rawPayload.equals(PDF)).toBe(true);
    // The city's leader is bound to the city: the district's values (and their evidence) are not theirs.
    const outside = await w.app.inject({
      method: 'GET',
      url: `/api/evidence/${hash}`,
      headers: w.cityLeader.headers,
    });
    expect(outside.statusCode).toBe(403);
    expect(outside.json().code).toBe('out_of_scope');
    const unknown = await w.app.inject({
      method: 'GET',
      url: `/api/evidence/${'0'.repeat(64)}`,
      headers: w.office.headers,
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('refuses oversize files, wrong types and values citing evidence never uploaded; stores nothing', async () => {
    const w = await world();
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2000, 0x20)]);
    const tooBig = await upload(w, w.reporter, 'big.pdf', 'application/pdf', big);
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json()).toMatchObject({
      code: 'evidence_too_large',
      detail: 'evidence files may not exceed 1000 bytes',
    });
    const exe = await upload(
      w,
      w.reporter,
      'report.pdf',
      'application/pdf',
      Buffer.from('MZ\x90\x00 not a pdf'),
    );
    expect(exe.statusCode).toBe(415);
    expect(exe.json().code).toBe('evidence_type');
    const text = await upload(w, w.reporter, 'a.txt', 'text/plain', Buffer.from('hello'));
    expect(text.statusCode).toBe(415);
    const notMultipart = await w.app.inject({
      method: 'POST',
      url: '/api/evidence',
      headers: w.reporter.headers,
      payload: { file: 'x' },
    });
    expect(notMultipart.statusCode).toBe(415);
    const rows = await ctx.db
      .selectFrom('evidence')
      .select('hash')
      .where('province_code', '=', w.province)
      .execute();
    expect(rows).toEqual([]);
    const cites = await w.app.inject({
      method: 'PUT',
      url: '/api/submissions/P2026/2026Q1/330106/values',
      headers: { ...w.reporter.headers, 'accept-language': 'en' },
      payload: { values: [{ element: 'cases.done', value: 1, evidenceHash: 'a'.repeat(64) }], version: 0 },
    });
    expect(cites.statusCode).toBe(400);
    expect(cites.json().errors).toEqual([
      { path: 'body.values[0].evidenceHash', message: 'no such evidence: upload it first' },
    ]);
    const viewer = await seedUser(ctx.db, w.province, ['viewer']);
    const v = await signIn(w.app, viewer.username);
    expect((await upload(w, v, 'x.pdf', 'application/pdf', PDF)).statusCode).toBe(403);
  });
});
