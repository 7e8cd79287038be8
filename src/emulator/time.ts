const RELATIVE = /^now(?:([+-])(\d+)([dhm]))?$/;
const UNIT_MS: Record<string, number> = { d: 86_400_000, h: 3_600_000, m: 60_000 };

/** True for a time the world file may use: an ISO 8601 date/time or a relative `now`, `now-30d`, `now+2h`. */
export function isWorldTime(v: unknown): boolean {
  if (v instanceof Date) return !Number.isNaN(v.getTime());
  return typeof v === 'string' && (RELATIVE.test(v) || !Number.isNaN(Date.parse(v)));
}

/**
 * Resolves a world time to a full ISO string. Relative times (`now-200d`) are measured from `now` (days
 * from the start of its UTC day), so a demo world keeps its shape (fresh vs old images) whenever it is served.
 */
export function resolveTime(v: string | Date | undefined, now: Date): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'string') {
    const m = RELATIVE.exec(v);
    if (m) {
      const delta = m[1] ? Number(m[2]) * UNIT_MS[m[3]] * (m[1] === '-' ? -1 : 1) : 0;
      // Whole-day offsets count from the start of the UTC day, so two emulators started on the same
      // day serve the same creation dates (a report from one can be remediated against the other).
      const base = m[3] === 'd' ? Math.floor(now.getTime() / UNIT_MS.d) * UNIT_MS.d : now.getTime();
      return new Date(base + delta).toISOString();
    }
  }
  const d = v instanceof Date ? v : new Date(v);
  // A world file may say just 2024-05-01; AWS always answers full timestamps.
  return Number.isNaN(d.getTime()) ? String(v) : d.toISOString();
}
