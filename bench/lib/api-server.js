/**
 * The server of the API bench, in a process of its own so that the load generator does not share its event
 * loop: `node bench/lib/api-server.js <database url>` prints the base URL on its first line of stdout and
 * serves until killed or until its stdin closes. A line `cpu` on stdin is answered with a line on stdout:
 * this process's CPU time so far (user + system, ms), for CPU time per request.
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
let input = '';
process.stdin.setEncoding('utf8').on('data', (d) => {
  input += d;
  for (let nl = input.indexOf('\n'); nl >= 0; nl = input.indexOf('\n')) {
    const line = input.slice(0, nl).trim();
    input = input.slice(nl + 1);
    if (line === 'cpu') {
      const used = process.cpuUsage();
      process.stdout.write(`${(used.user + used.system) / 1000}\n`);
    }
  }
});
// The bench that started this server is gone: do not outlive it.
process.stdin.once('end', stop);
