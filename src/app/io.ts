import type { Writable } from 'node:stream';

/** A stream the summary and progress go to; `isTTY` decides colour and live progress. */
export type ErrStream = NodeJS.WritableStream & { isTTY?: boolean };

/** The outside world a use case talks to, passed in by the CLI (or a test, or a benchmark). */
export interface AppIo {
  /** Progress, warnings and the human summary. */
  stderr: ErrStream;
  /** Machine output: `--out -` reports, plans, tables. */
  stdout: Writable;
  /** Environment variables (NO_COLOR, GITHUB_ACTIONS, GITHUB_STEP_SUMMARY, ...). */
  env: Record<string, string | undefined>;
  /** The working folder: where ./rules and ./exceptions.yaml are looked up, and what SARIF paths are relative to. */
  cwd: string;
  /** The current time (default: the system clock). */
  clock?: () => Date;
  /** Aborted with 'SIGINT' or 'SIGTERM' as its reason when the run is asked to stop. */
  signal?: AbortSignal;
}

/** The current time according to `io`. */
export function nowOf(io: Pick<AppIo, 'clock'>): Date {
  return io.clock ? io.clock() : new Date();
}
