/** One progress bar per phase (cli-progress), on stderr so the table on stdout stays clean. */
import cliProgress from 'cli-progress';

export interface Progress {
  tick(n?: number): void;
  stop(): void;
}

export function progress(label: string, total: number): Progress {
  const bar = new cliProgress.SingleBar(
    {
      format: `${label.padEnd(22)} [{bar}] {value}/{total} | {rate}/s | {duration}s`,
      hideCursor: true,
      stream: process.stderr,
      etaBuffer: 50,
      // Redirected output (a log file, CI) still gets a line every 10 s.
      noTTYOutput: true,
      notTTYSchedule: 10_000,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = performance.now();
  bar.start(total, 0, { rate: '0.0' });
  let value = 0;
  return {
    tick(n = 1) {
      value += n;
      bar.update(value, { rate: (value / ((performance.now() - started) / 1000)).toFixed(1) });
    },
    stop: () => bar.stop(),
  };
}
