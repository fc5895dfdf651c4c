import type { CliIo } from '../context.js';
import { main } from '../main.js';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `xn …` in-process with captured output; English messages unless `--lang` says otherwise. */
export async function xn(...args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
    env: { LANG: 'en_US.UTF-8' },
  };
  const code = await main(['node', 'xn', ...args], io);
  return { code, stdout, stderr };
}
