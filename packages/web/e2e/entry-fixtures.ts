import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PASSWORD, type WebApp } from './web-harness';

/** Signs in over the API (no browser) and returns the headers of a cookie-authenticated write. */
export async function apiSession(web: WebApp, username: string): Promise<Record<string, string>> {
  const res = await fetch(`${web.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`sign-in of ${username}: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
}

/**
 * The demo's reporter has already submitted the open year; the office opens the next year so that the
 * reporter starts a form from nothing, as at the start of a period.
 */
export async function openNextPeriod(web: WebApp, code: string): Promise<void> {
  const res = await fetch(`${web.url}/api/periods`, {
    method: 'POST',
    headers: await apiSession(web, 'office'),
    body: JSON.stringify({ code, status: 'open' }),
  });
  if (res.status !== 201) throw new Error(`opening ${code}: ${res.status} ${await res.text()}`);
}

/** The unit the demo's reporter and leader act for. */
export function reporterUnit(web: WebApp): string {
  const login = web.demo.seeded?.logins.find((l) => l.role === 'reporter');
  if (login?.unitCode == null) throw new Error('the demo has no reporter bound to a unit');
  return login.unitCode;
}

/** A 1 × 1 PNG and a one-page PDF on disk, as a phone's photo and a scanned ledger would be. */
export function evidenceFiles(): { png: string; pdf: string } {
  const dir = mkdtempSync(join(tmpdir(), 'xn-e2e-evidence-'));
  const png = join(dir, '现场照片.png');
  writeFileSync(
    png,
    Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    ),
  );
  const pdf = join(dir, '台账.pdf');
  writeFileSync(
    pdf,
    [
      '%PDF-1.4',
      '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
      '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
      '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj',
      'trailer << /Root 1 0 R >>',
      '%%EOF',
      '',
    ].join('\n'),
  );
  return { png, pdf };
}
