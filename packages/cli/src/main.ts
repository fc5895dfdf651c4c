/**
 * @module @xiaoneng/cli
 * `xn`, the command line of xiaoneng: generate synthetic data, validate plans, score, explain, analyse
 * sensitivity, and run a demo. `main` returns the exit code instead of exiting so that it can be tested
 * in-process.
 */
import { EngineError, type Locale, type LocalisedText } from '@xiaoneng/engine';
import { Command, CommanderError } from 'commander';
import { CliError, EXIT } from './cli-error.js';
import { helpTitle, translateCommanderError } from './commander-zh.js';
import { demoCommand } from './commands/demo.js';
import { explainCommand } from './commands/explain.js';
import { generateCommand } from './commands/generate.js';
import { schemaCommand } from './commands/schema.js';
import { scoreCommand } from './commands/score.js';
import { sensitivityCommand } from './commands/sensitivity.js';
import { validateCommand } from './commands/validate.js';
import { type CliIo, Context, processIo } from './context.js';
import { formatIssue } from './format-issue.js';
import { parseLocale, resolveLocale, t } from './localised.js';

/** `--lang` is read before commander runs so that help texts and parse errors are in the right language. */
function langFlag(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (a === '--lang') return argv[i + 1];
    if (a.startsWith('--lang=')) return a.slice('--lang='.length);
  }
  return undefined;
}

type MakeCommand = (ctx: Context) => Command;

/**
 * Commands whose modules load heavy dependencies (the server's database drivers, about a third of a second)
 * are imported only when the command line names them; otherwise a stub shows them in the help.
 */
const LAZY: Record<string, { load: () => Promise<MakeCommand>; about: LocalisedText }> = {
  db: {
    load: async () => (await import('./commands/db.js')).dbCommand,
    about: t('数据库结构迁移（migrate、status）', 'database schema migrations (migrate, status)'),
  },
  audit: {
    load: async () => (await import('./commands/audit.js')).auditCommand,
    about: t('审计日志（verify）', 'the audit log (verify)'),
  },
  serve: {
    load: async () => (await import('./commands/serve.js')).serveCommand,
    about: t('启动服务器（npm start）', 'start the server (npm start)'),
  },
};

async function loadLazy(argv: readonly string[]): Promise<Map<string, MakeCommand>> {
  const loaded = new Map<string, MakeCommand>();
  for (const [name, lazy] of Object.entries(LAZY))
    if (argv.slice(2).includes(name)) loaded.set(name, await lazy.load());
  return loaded;
}

export function buildProgram(ctx: Context, lazy: ReadonlyMap<string, MakeCommand> = new Map()): Command {
  const m = ctx.m.bind(ctx);
  const output = {
    writeOut: (s: string) => ctx.io.stdout(s),
    writeErr: (s: string) => ctx.io.stderr(s),
    outputError: (s: string, write: (s: string) => void) => write(translateCommanderError(s, ctx.locale)),
  };
  const help = { styleTitle: (title: string) => helpTitle(title, ctx.locale) };
  const program = new Command('xn')
    .description(
      m(
        t(
          '效能（xiaoneng）政府绩效考核命令行：生成演示数据、校验方案、评分、解释、敏感性分析',
          'xiaoneng government performance assessment: generate demo data, validate plans, score, explain, sensitivity',
        ),
      ),
    )
    .option(
      '--lang <locale>',
      m(t('界面语言：zh-CN（默认）或 en', 'language of messages: zh-CN (default) or en')),
    )
    .helpOption('-h, --help', m(t('显示帮助', 'show help')))
    .helpCommand('help [command]', m(t('显示某个命令的帮助', 'show help for a command')))
    .showHelpAfterError(m(t('（使用 --help 查看用法）', '(use --help for usage)')))
    .exitOverride()
    .configureHelp(help)
    .configureOutput(output);
  // Subcommands (xn db migrate) get the same settings, or commander would exit the process on their errors.
  const configure = (cmd: Command): void => {
    cmd
      .helpOption('-h, --help', m(t('显示帮助', 'show help')))
      .exitOverride()
      .showHelpAfterError(m(t('（使用 --help 查看用法）', '(use --help for usage)')))
      .configureHelp(help)
      .configureOutput(output);
    for (const sub of cmd.commands) configure(sub);
  };
  const makers: MakeCommand[] = [
    generateCommand,
    validateCommand,
    schemaCommand,
    scoreCommand,
    explainCommand,
    sensitivityCommand,
    demoCommand,
  ];
  for (const [name, { about }] of Object.entries(LAZY))
    makers.push(lazy.get(name) ?? (() => new Command(name).description(m(about))));
  for (const make of makers) {
    const cmd = make(ctx);
    configure(cmd);
    program.addCommand(cmd);
  }
  return program;
}

/** Prints an error the way a person can act on it and returns the exit code; the one place errors end. */
export function reportError(ctx: Context, err: unknown): number {
  if (err instanceof CommanderError) {
    // Commander has printed its own message (and help) already.
    return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (err instanceof CliError) {
    ctx.say(err.text);
    for (const d of err.details) ctx.say(`  ${ctx.m(d)}`);
    return err.exitCode;
  }
  if (err instanceof EngineError) {
    ctx.say(t('评分引擎拒绝了输入：', 'The scoring engine refused the input:'));
    for (const issue of err.issues) ctx.say(`  ${ctx.m(formatIssue(issue))}`);
    return EXIT.usage;
  }
  ctx.say(t('内部错误（这是 xn 的缺陷，请报告）：', 'Internal error (a bug in xn; please report it):'));
  ctx.say(err instanceof Error ? (err.stack ?? err.message) : String(err));
  return EXIT.failed;
}

/**
 * Runs the CLI. `argv` is `process.argv` (node, script, arguments…); returns the exit code: 0 fine, 1 an
 * invalid plan (or an internal error), 2 usage or input errors.
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const flag = langFlag(argv);
  const locale: Locale = resolveLocale(flag, io.env);
  const ctx = new Context(io, locale);
  if (flag !== undefined && parseLocale(flag) === undefined)
    return reportError(
      ctx,
      new CliError(
        'usage',
        t(`不支持的语言“${flag}”；可用：zh-CN、en`, `Unsupported language "${flag}"; use zh-CN or en`),
      ),
    );
  try {
    const program = buildProgram(ctx, await loadLazy(argv));
    await program.parseAsync([...argv], { from: 'node' });
    return ctx.exitCode;
  } catch (err) {
    return reportError(ctx, err);
  }
}
