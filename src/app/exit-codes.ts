/** The exit codes every command promises: 0 clean, 1 findings at the gate, 2 error, 3 incomplete coverage. */
export const EXIT = {
  clean: 0,
  violations: 1,
  error: 2,
  incomplete: 3,
} as const;
