import type { Context } from './context.js';

export interface Progress {
  update(done: number): void;
  stop(): void;
}

export type ProgressFactory = (label: string, total: number) => Progress;

const NONE: Progress = { update() {}, stop() {} };

/**
 * Progress bars on stderr for work that takes seconds; nothing at all when stderr is not a terminal (pipes,
 * CI, tests), so logs stay clean. The factory is created up front because the work it reports on is
 * synchronous (parsing), and bars redraw from `update()` itself.
 */
export async function progressBars(ctx: Context): Promise<ProgressFactory> {
  const tty = ctx.io.tty;
  if (!tty) return () => NONE;
  const { SingleBar, Presets } = (await import('cli-progress')).default;
  return (label, total) => {
    if (total <= 0) return NONE;
    const bar = new SingleBar(
      {
        format: `${label} [{bar}] {percentage}% {value}/{total}`,
        stream: tty,
        hideCursor: true,
        clearOnComplete: true,
        synchronousUpdate: true,
      },
      Presets.shades_classic,
    );
    bar.start(total, 0);
    return {
      update: (done) => bar.update(Math.min(done, total)),
      stop: () => bar.stop(),
    };
  };
}

/** Time since `start` (performance.now()), formatted for a summary line. */
export function elapsed(start: number): string {
  const ms = performance.now() - start;
  return ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(2)} s`;
}
