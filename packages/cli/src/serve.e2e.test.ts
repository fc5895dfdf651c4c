import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// What `npm start` runs: the compiled CLI in a process of its own, on an empty data directory.
const bin = fileURLToPath(new URL('../bin/xn.js', import.meta.url));
const built = existsSync(fileURLToPath(new URL('../dist/main.js', import.meta.url)));
const webBuilt = existsSync(fileURLToPath(new URL('../../web/dist/index.html', import.meta.url)));
const dir = mkdtempSync(join(tmpdir(), 'xn-serve-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** Starts `xn serve`, resolves with everything it printed once it names its URL and the demo sign-ins. */
function serve(database: string): Promise<{ child: ChildProcess; out: string; url: string }> {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--database', database], {
    env: { ...process.env, LANG: 'C.UTF-8', XN_DEMO: 'small' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const url = /效能 xiaoneng: (http:\/\/\S+)/.exec(out)?.[1];
      if (url !== undefined && /viewer\s+\S+/.test(out)) resolve({ child, out, url });
    });
    child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      err += d;
    });
    child.once('exit', (code) => reject(new Error(`xn serve exited ${code}: ${out}${err}`)));
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe.skipIf(!built)('xn serve (built CLI, separate process)', () => {
  it('migrates and seeds an empty database, prints the URL and logins, serves them, and stops cleanly on SIGTERM; a restart keeps the data', async () => {
    const database = join(dir, 'xn.db');
    const first = await serve(database);
    expect(first.out).toMatch(/empty database: seeding the demo province/);
    expect(first.out).toMatch(/password Xiaoneng-Demo-2026/);
    const office = /office\s+(\S+)/.exec(first.out)?.[1];
    expect(office).toBeDefined();
    expect((await fetch(`${first.url}/api/health`)).status).toBe(200);
    const login = await fetch(`${first.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: office, password: 'Xiaoneng-Demo-2026' }),
    });
    expect(login.status).toBe(200);
    expect(((await login.json()) as { roles: string[] }).roles).toContain('office');
    if (webBuilt) {
      // The web application at / and at any of its client-side routes.
      for (const path of ['/', '/dashboard']) {
        const page = await fetch(`${first.url}${path}`);
        expect(page.headers.get('content-type')).toMatch(/^text\/html/);
        expect(await page.text()).toMatch(/<div id="root">/);
      }
    }
    const published = (await (await fetch(`${first.url}/api/public/results`)).json()) as { items: unknown[] };
    expect(published.items.length).toBeGreaterThan(0);
    const stopping = exited(first.child);
    first.child.kill('SIGTERM');
    expect(await stopping).toBe(0);

    const second = await serve(database);
    expect(second.out).not.toMatch(/seeding/);
    expect(second.out).toMatch(new RegExp(`office\\s+${office}`));
    second.child.kill('SIGTERM');
  }, 120_000);
});
