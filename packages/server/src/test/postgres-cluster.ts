import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A PostgreSQL cluster of our own in a temporary directory, reachable only through its unix socket. */
export interface ThrowawayCluster {
  /** Superuser URL of the `postgres` database; create test databases through it. */
  adminUrl: string;
  /** Stops the server and removes its directory. Safe to call twice. */
  stop(): void;
}

const INSTALL_HINT = 'install postgresql (apt-get install postgresql)';

/** The newest `/usr/lib/postgresql/<version>/bin` that has initdb, or XN_PG_BIN when set. */
export function findPostgresBin(env: NodeJS.ProcessEnv = process.env): string {
  if (env.XN_PG_BIN) {
    if (existsSync(join(env.XN_PG_BIN, 'initdb'))) return env.XN_PG_BIN;
    throw new Error(
      `XN_PG_BIN=${env.XN_PG_BIN} has no initdb: ${INSTALL_HINT}, or point XN_PG_BIN at its bin/`,
    );
  }
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new Error(`PostgreSQL server binaries not found under ${root}/<version>/bin: ${INSTALL_HINT}`);
  }
  return join(root, versions[0]!, 'bin');
}

/**
 * initdb + pg_ctl start into a fresh temporary directory. PostgreSQL refuses to run as root, so as root the
 * binaries run as the `postgres` user (which Debian's package creates). No TCP listener: the socket lives in
 * the temporary directory, so the cluster cannot collide with Debian's own one or with another test run.
 * Durability is switched off (the data is thrown away anyway) unless `durable` asks for PostgreSQL's defaults,
 * as a benchmark of writes does.
 */
export async function startThrowawayCluster({ durable = false } = {}): Promise<ThrowawayCluster> {
  const bin = findPostgresBin();
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'xn-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const run = (tool: string, args: string[]): void => {
    const [cmd, argv] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]]
      : [join(bin, tool), args];
    execFileSync(cmd as string, argv as string[], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  };

  let running = false;
  const stop = (): void => {
    if (running) {
      running = false;
      try {
        run('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w']);
      } catch {
        // Already gone; the directory is removed below all the same.
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // If the test run dies without its teardown, the server must not outlive it.
  process.once('exit', stop);

  const port = await freePort();
  try {
    run('initdb', [
      '-D',
      data,
      '-U',
      'postgres',
      '--auth=trust',
      '--encoding=UTF8',
      '--locale=C',
      '--no-sync',
    ]);
    const serverOptions = [
      `-p ${port}`,
      `-k ${dir}`,
      "-c listen_addresses=''",
      ...(durable ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
    ].join(' ');
    running = true;
    run('pg_ctl', ['start', '-D', data, '-w', '-t', '60', '-l', log, '-o', serverOptions]);
  } catch (err) {
    const serverLog = existsSync(log) ? readFileSync(log, 'utf8') : '';
    const stderr = (err as { stderr?: Buffer }).stderr?.toString() ?? '';
    stop();
    throw new Error(
      `could not start a throwaway PostgreSQL cluster with ${bin}: ${stderr}\n${serverLog}`.trim(),
    );
  }
  return {
    adminUrl: `postgresql://postgres@localhost:${port}/postgres?host=${encodeURIComponent(dir)}`,
    stop: () => {
      process.removeListener('exit', stop);
      stop();
    },
  };
}

/** A port no one listens on now; it only names the socket file, since the cluster has no TCP listener. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
