/**
 * The server of the web bench: the API and the built web app (packages/web/dist) on one origin, in a
 * process of its own so that chromium and the bench do not share its event loop.
 * `node bench/lib/web-server.js <database url> [web root]` migrates the database, prints the base URL on its
 * first line of stdout and serves until killed or until its stdin closes. The web root defaults to
 * packages/web/dist.
 */
import { fileURLToPath } from 'node:url';
import { buildApp, createDatabase, migrateToLatest } from '../../packages/server/dist/index.js';

const url = process.argv[2];
if (url === undefined) {
  console.error('usage: node bench/lib/web-server.js <database url> [web root]');
  process.exit(2);
}
const db = createDatabase(url, { poolSize: 20 });
const report = await migrateToLatest(db);
if (report.error !== undefined) throw report.error;
const app = await buildApp({
  db,
  config: {
    passwordHashing: { memoryCost: 1024, timeCost: 1, parallelism: 1 },
    cookieSecure: false,
    webRoot: process.argv[3] ?? fileURLToPath(new URL('../../packages/web/dist/', import.meta.url)),
  },
});
const base = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${base}\n`);
const stop = async () => {
  await app.close();
  await db.destroy();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
process.stdin.resume();
// The bench that started this server is gone: do not outlive it.
process.stdin.once('end', stop);
