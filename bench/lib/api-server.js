/**
 * The server of the API bench, in a process of its own so that the load generator does not share its event
 * loop: `node bench/lib/api-server.js <database url>` prints the base URL on its first line of stdout and
 * serves until killed.
 */
import { buildApp, createDatabase } from '../../packages/server/dist/index.js';

const url = process.argv[2];
if (url === undefined) {
  console.error('usage: node bench/lib/api-server.js <database url>');
  process.exit(2);
}
const db = createDatabase(url, { poolSize: 20 });
const app = await buildApp({
  db,
  config: { passwordHashing: { memoryCost: 1024, timeCost: 1, parallelism: 1 }, cookieSecure: false },
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
