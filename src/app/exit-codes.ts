/**
 * The exit codes every command promises: 0 clean, 1 findings at the gate, 2 error, 3 incomplete coverage,
 * 130/143 interrupted by SIGINT/SIGTERM, 141 stdout closed by its reader.
 */
export const EXIT = {
  clean: 0,
  violations: 1,
  error: 2,
  incomplete: 3,
  sigint: 130,
  sigterm: 143,
  brokenPipe: 141,
} as const;
