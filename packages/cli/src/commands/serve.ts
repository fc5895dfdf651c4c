import { type DemoProvince, serveDemo } from '@xiaoneng/server';
import { Command } from 'commander';
import { CliError } from '../cli-error.js';
import type { Context } from '../context.js';
import { generateProvince } from '../generate/index.js';
import { t } from '../localised.js';
import { wholeNumber } from './generate.js';

/** The two demos: a readable one (one city, its departments, districts, streets and villages) and the full province. */
export const DEMOS = {
  small: { units: 300, indicators: 30 },
  province: { units: 27_000, indicators: 40 },
} as const;
export type DemoName = keyof typeof DEMOS;

/** A generated province in the shape the server seeds: two years of values, the last one scored. */
export function demoProvince(name: DemoName, seed = 2026): DemoProvince {
  const size = DEMOS[name];
  const p = generateProvince({ units: size.units, indicators: size.indicators, periods: 2, seed });
  const level = new Map(p.unitRows.map((r) => [r.code, r.level]));
  return {
    province: p.province,
    plan: p.plan,
    units: p.units.map((u) => ({ ...u, level: level.get(u.code) ?? 'village' })),
    periods: p.periods,
    values: p.values,
  };
}

interface ServeOptions {
  port?: number;
  host?: string;
  database?: string;
  demo?: string;
}

/** `xn serve` (what `npm start` runs): the server, with a demo province seeded into an empty database. */
export function serveCommand(ctx: Context): Command {
  const int = wholeNumber(ctx);
  return new Command('serve')
    .description(
      ctx.m(
        t(
          '启动服务器（空数据库时生成演示省份；PORT、HOST、DATABASE_URL、XN_DEMO=small|province）',
          'start the server (seeds a demo province into an empty database; PORT, HOST, DATABASE_URL, XN_DEMO=small|province)',
        ),
      ),
    )
    .option('--port <n>', ctx.m(t('端口（默认 PORT 或 3000）', 'port (default PORT, else 3000)')), int)
    .option(
      '--host <host>',
      ctx.m(t('监听地址（默认 127.0.0.1）', 'address to listen on (default 127.0.0.1)')),
    )
    .option(
      '--database <url>',
      ctx.m(
        t(
          '数据库（默认 DATABASE_URL 或 ./data/xiaoneng.db）',
          'database (default DATABASE_URL, else ./data/xiaoneng.db)',
        ),
      ),
    )
    .option(
      '--demo <name>',
      ctx.m(
        t(
          '演示规模：small（默认）或 province（27000 个单位）',
          'demo size: small (default) or province (27,000 units)',
        ),
      ),
    )
    .action(async (opts: ServeOptions) => {
      const demo = opts.demo ?? ctx.io.env.XN_DEMO ?? 'small';
      if (demo !== 'small' && demo !== 'province')
        throw new CliError(
          'usage',
          t(
            `演示规模须为 small 或 province，收到 ${demo}`,
            `the demo size must be small or province; got ${demo}`,
          ),
        );
      const server = await serveDemo({
        ...(opts.port === undefined ? {} : { port: opts.port }),
        ...(opts.host === undefined ? {} : { host: opts.host }),
        ...(opts.database === undefined ? {} : { databaseUrl: opts.database }),
        demo: () => demoProvince(demo),
        log: (line) => ctx.io.stdout(`${line}\n`),
      });
      const stop = () => {
        void server.close();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
