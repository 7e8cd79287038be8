import type { BlockDevice, SnapshotRecord } from '../inventory/schema.js';

/**
 * EBS snapshot storage prices in USD per GB-month, from the public Amazon EBS pricing page
 * (https://aws.amazon.com/ebs/pricing/, US East (N. Virginia)): Standard tier $0.05, Archive tier $0.0125.
 * Other regions cost the same or up to ~30% more; the figure is an estimate, not a bill.
 * Snapshots are billed incrementally, so size × price is an upper bound for one snapshot.
 */
export const SNAPSHOT_PRICE_USD_PER_GB_MONTH = { standard: 0.05, archive: 0.0125 } as const;

/** Monthly price of `sizeGiB` of snapshot storage in the given tier (unknown tiers price as standard). */
export function snapshotMonthlyCost(sizeGiB: number, tier: string | undefined): number {
  const price =
    tier === 'archive' ? SNAPSHOT_PRICE_USD_PER_GB_MONTH.archive : SNAPSHOT_PRICE_USD_PER_GB_MONTH.standard;
  return sizeGiB * price;
}

/**
 * Monthly price of the snapshot behind one block device: the snapshot record when the inventory has one
 * (real size and tier), else the block device's volume size at the standard price.
 */
export function deviceSnapshotCost(bd: BlockDevice, snap: SnapshotRecord | undefined): number {
  return snap
    ? snapshotMonthlyCost(snap.volumeSizeGiB, snap.storageTier)
    : snapshotMonthlyCost(bd.volumeSize ?? 0, undefined);
}

/** Rounds a dollar figure to cents, so reports do not show floating-point noise. */
export function roundUsd(usd: number): number {
  return Math.round(usd * 100) / 100;
}
