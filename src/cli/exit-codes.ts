/** Exit codes (contract, see DESIGN.md). */
export const EXIT = {
  clean: 0,
  violations: 1,
  error: 2,
  incomplete: 3,
} as const;
