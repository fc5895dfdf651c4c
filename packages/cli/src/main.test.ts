import { EngineError } from '@xiaoneng/engine';
import { describe, expect, it } from 'vitest';
import { CliError } from './cli-error.js';
import { type CliIo, Context } from './context.js';
import { resolveLocale, t } from './localised.js';
import { main, reportError } from './main.js';
import { xn } from './test/run-xn.js';

function capture(env: Record<string, string> = {}) {
  const out = { stdout: '', stderr: '' };
  const io: CliIo = {
    stdout: (s) => {
      out.stdout += s;
    },
    stderr: (s) => {
      out.stderr += s;
    },
    env,
  };
  return { io, out };
}

describe('main', () => {
  it('prints help in Chinese by default and exits 0', async () => {
    const { io, out } = capture({ LANG: 'C.UTF-8' });
    expect(await main(['node', 'xn', '--help'], io)).toBe(0);
    expect(out.stdout).toMatch(/效能（xiaoneng）政府绩效考核命令行/);
    expect(out.stdout).toMatch(/score .*评分并输出结果/);
  });

  it('prints help in English when LANG is English or --lang en is given', async () => {
    const a = capture({ LANG: 'en_GB.UTF-8' });
    await main(['node', 'xn', '--help'], a.io);
    expect(a.out.stdout).toMatch(/xiaoneng government performance assessment/);
    const b = capture({ LANG: 'zh_CN.UTF-8' });
    await main(['node', 'xn', 'score', '--help', '--lang', 'en'], b.io);
    expect(b.out.stdout).toMatch(/--period <code> +period to score/);
  });

  it('exits 2 on an unknown command, an unknown option or a missing required option', async () => {
    const unknown = await xn('nosuch');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command 'nosuch'/);
    expect((await xn('validate', '--nope')).code).toBe(2);
    const missing = await xn('validate');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/required option '--plan <file>' not specified/);
  });

  it('puts commander errors and help headings into Chinese', async () => {
    const r = await xn('--lang', 'zh-CN', 'scor');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^错误：未知的命令 scor\n（是否想输入 score？）/);
    const missing = await xn('--lang', 'zh-CN', 'validate');
    expect(missing.stderr).toMatch(/^错误：缺少必需的选项 --plan <file>/);
    const help = await xn('--lang', 'zh-CN', 'validate', '--help');
    expect(help.stdout).toMatch(/^用法： xn validate \[options\]\n[\s\S]*选项：/);
  });

  it('lists the database commands in the help and loads them when named', async () => {
    const help = await xn('--help');
    expect(help.stdout).toMatch(/^ {2}db +database schema migrations \(migrate, status\)$/m);
    expect(help.stdout).toMatch(/^ {2}audit +the audit log \(verify\)$/m);
    const db = await xn('db', '--help');
    expect(db.code).toBe(0);
    expect(db.stdout).toMatch(/migrate \[options\] +migrate the database to the latest schema/);
    // Errors in a subcommand come back as exit codes instead of ending the process.
    const bad = await xn('db', 'migrate', '--nope');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown option '--nope'/);
  });

  it('refuses a language it does not speak', async () => {
    const r = await xn('--lang', 'fr', 'schema');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('不支持的语言“fr”；可用：zh-CN、en\n');
  });

  it('turns a CliError into its message, details and exit code', () => {
    const { io, out } = capture();
    const ctx = new Context(io, 'en');
    const code = reportError(
      ctx,
      new CliError('input_invalid', t('坏', 'bad'), [t('一', 'one'), t('二', 'two')]),
    );
    expect(code).toBe(2);
    expect(out.stderr).toBe('bad\n  one\n  two\n');
    expect(reportError(ctx, new CliError('plan_invalid', t('坏', 'bad')))).toBe(1);
  });

  it('lists engine issues with their paths and exits 2', () => {
    const { io, out } = capture();
    const err = new EngineError([
      { severity: 'error', code: 'bad_period', path: ['period'], message: t('周期不对', 'wrong period') },
    ]);
    expect(reportError(new Context(io, 'zh-CN'), err)).toBe(2);
    expect(out.stderr).toBe('评分引擎拒绝了输入：\n  错误 period：周期不对\n');
  });

  it('reports anything else as an internal error with its stack and exits 1', () => {
    const { io, out } = capture();
    expect(reportError(new Context(io, 'en'), new TypeError('boom'))).toBe(1);
    expect(out.stderr).toMatch(
      /^Internal error \(a bug in xn; please report it\):\nTypeError: boom\n {4}at /,
    );
  });
});

describe('resolveLocale', () => {
  it('prefers --lang, then an English LANG/LC_ALL, else zh-CN', () => {
    expect(resolveLocale('en', { LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(resolveLocale('zh-CN', { LANG: 'en_US.UTF-8' })).toBe('zh-CN');
    expect(resolveLocale(undefined, { LANG: 'en_US.UTF-8' })).toBe('en');
    expect(resolveLocale(undefined, { LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(resolveLocale(undefined, { LANG: 'zh_CN.UTF-8' })).toBe('zh-CN');
    expect(resolveLocale(undefined, { LANG: 'C.UTF-8' })).toBe('zh-CN');
    expect(resolveLocale(undefined, {})).toBe('zh-CN');
  });
});
