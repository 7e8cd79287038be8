/** Milliseconds in a day. */
export const DAY_MS = 86_400_000;

/** Age in whole days at `nowMs` of a time in ms (e.g. a creation time parsed once per run), or undefined. */
export function daysSince(ms: number | undefined, nowMs: number): number | undefined {
  return ms === undefined ? undefined : Math.floor((nowMs - ms) / DAY_MS);
}

/** Milliseconds since the epoch of an ISO timestamp, or undefined. */
export function parseTime(iso: string | undefined): number | undefined {
  if (iso === undefined) return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : t;
}
