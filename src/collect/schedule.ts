import type { Rank } from './segment.js';

/**
 * Rank of DescribeImages listing calls: above any per-item work (an account-region holds at most
 * 50,000 AMIs), because each listing reveals a region's size and so how early its N+1 work must start.
 */
export const DISCOVERY_PRIORITY = 1_000_000;

/** Key of an account-region in size hints. */
export function accountRegionKey(account: string, region: string): string {
  return `${account}/${region}`;
}

/** Images per account-region known before the scan (e.g. from an earlier inventory), keyed by accountRegionKey. */
export type SizeHints = ReadonlyMap<string, number>;

/** The two ranks of one account-region: its images listing, and everything else it does. */
export interface AccountRegionRanks {
  listing: Rank;
  work: Rank;
  /** Fraction in [0, 1) added to the work rank: among equal sizes, the earlier-launched region first. */
  tiebreak: number;
}

/**
 * The tiebreak of the i-th of n launched account-regions: below 1, so it never outranks a larger
 * region, and decreasing, so equal-sized regions are worked through one after another instead of
 * all at once. Regions then finish (and free their clients and image lists) steadily through the
 * scan rather than all at its end.
 */
export function tiebreak(i: number, n: number): number {
  return n > 0 ? (n - i) / (n + 1) : 0;
}

/**
 * Initial ranks: the listing goes before per-item work and, among listings, the largest known region
 * first; the rest of the region's calls rank by its known size until the listing tells the real one.
 */
export function initialRanks(hint: number | undefined, tiebreak = 0): AccountRegionRanks {
  const size = Math.max(0, hint ?? 0);
  return {
    listing: { priority: DISCOVERY_PRIORITY + size },
    work: { priority: size + tiebreak },
    tiebreak,
  };
}

/** Longest work first: the region's per-item calls (launch permissions, snapshot attributes) rank by its image count. */
export function rankBySize(ranks: AccountRegionRanks, images: number): void {
  ranks.work.priority = images + ranks.tiebreak;
}

/** Account-regions in launch order: largest known size first, the given order among equals (stable sort). */
export function launchOrder<T extends { account: string; region: string }>(
  items: readonly T[],
  hints: SizeHints | undefined,
): T[] {
  if (!hints || hints.size === 0) return [...items];
  const size = (t: T) => hints.get(accountRegionKey(t.account, t.region)) ?? 0;
  return [...items].sort((a, b) => size(b) - size(a));
}
