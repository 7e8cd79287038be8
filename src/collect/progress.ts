import type { PacerStats } from '../aws/pacer.js';

export interface ProgressOptions {
  stream: NodeJS.WritableStream & { isTTY?: boolean };
  quiet?: boolean;
  /** Plain (non-TTY) line interval; default 5 s. */
  intervalMs?: number;
  stats: () => PacerStats;
  now?: () => number;
}

/** Formats a duration as 1h02m, 3m05s or 12s. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s >= 3600) return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}

/**
 * Progress on stderr: one redrawn line on a TTY, a plain line every few seconds otherwise (CI logs),
 * nothing with --quiet. Never writes to stdout, which is reserved for machine output.
 */
export class Progress {
  private accountsTotal = 0;
  private accountsDone = 0;
  private segmentsTotal = 0;
  private segmentsDone = 0;
  private gaps = 0;
  private readonly started: number;
  private timer: NodeJS.Timeout | undefined;
  private readonly now: () => number;
  private readonly tty: boolean;

  constructor(private readonly opts: ProgressOptions) {
    this.now = opts.now ?? Date.now;
    this.started = this.now();
    this.tty = opts.stream.isTTY === true;
  }

  /** Starts periodic output. */
  start(): void {
    if (this.opts.quiet || this.timer) return;
    this.timer = setInterval(() => this.draw(), this.tty ? 250 : (this.opts.intervalMs ?? 5000));
    this.timer.unref();
  }

  setAccounts(total: number): void {
    this.accountsTotal = total;
  }

  accountDone(): void {
    this.accountsDone += 1;
  }

  addSegments(n: number): void {
    this.segmentsTotal += n;
  }

  segmentDone(ok: boolean): void {
    this.segmentsDone += 1;
    if (!ok) this.gaps += 1;
  }

  /** The current status line (exported for tests and the final summary). */
  line(): string {
    const elapsed = this.now() - this.started;
    const s = this.opts.stats();
    const done = this.segmentsDone;
    const total = Math.max(this.segmentsTotal, done);
    const eta = done > 0 && total > done ? ` eta ${formatDuration((elapsed * (total - done)) / done)}` : '';
    return (
      `collect: accounts ${this.accountsDone}/${this.accountsTotal}, segments ${done}/${total}` +
      `${this.gaps ? ` (${this.gaps} gaps)` : ''}, calls ${s.calls}, throttled ${s.throttles}, ` +
      `${formatDuration(elapsed)}${eta}`
    );
  }

  private draw(): void {
    if (this.tty) this.opts.stream.write(`\r${this.line()}\x1b[K`);
    else this.opts.stream.write(`${this.line()}\n`);
  }

  /** Stops periodic output and prints the final line. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.opts.quiet) return;
    if (this.tty) this.opts.stream.write(`\r${this.line()}\x1b[K\n`);
    else this.opts.stream.write(`${this.line()}\n`);
  }
}
