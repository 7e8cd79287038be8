import type { Gap } from '../findings/model.js';

/** Gaps of one account-region that failed with the same error. */
export interface GapGroup {
  account: string;
  region: string;
  error: string;
  /** The collectors that failed, in the order the gaps were recorded. */
  collectors: string[];
}

/**
 * Groups gaps of one account-region with the same error, in first-seen order: a disabled region fails every
 * collector alike, and eight identical lines would hide the gaps that differ.
 */
export function groupGaps(gaps: readonly Gap[]): GapGroup[] {
  const groups = new Map<string, GapGroup>();
  for (const g of gaps) {
    const key = `${g.account}\u0000${g.region}\u0000${g.error}`;
    const group = groups.get(key);
    if (group) group.collectors.push(g.collector);
    else groups.set(key, { account: g.account, region: g.region, error: g.error, collectors: [g.collector] });
  }
  return [...groups.values()];
}
