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
 * Visits each snapshot that backs an image with its monthly price: the snapshot record when the inventory has
 * one (real size and tier), else the block device's volume size at the standard price. Devices without a
 * snapshot (instance store, blank EBS volumes) store nothing and cost nothing. A callback instead of an array
 * keeps the per-finding cost allocation-free.
 */
export function forEachImageSnapshotCost(
  blockDevices: readonly BlockDevice[],
  snapshotsById: ReadonlyMap<string, SnapshotRecord>,
  visit: (snapshotId: string, usd: number) => void,
): void {
  for (const bd of blockDevices) {
    if (bd.snapshotId === undefined) continue;
    const snap = snapshotsById.get(bd.snapshotId);
    visit(
      bd.snapshotId,
      snap
        ? snapshotMonthlyCost(snap.volumeSizeGiB, snap.storageTier)
        : snapshotMonthlyCost(bd.volumeSize ?? 0, undefined),
    );
  }
}

/** Monthly snapshot storage price of an image (sum over its backing snapshots). */
export function imageMonthlyCost(
  blockDevices: readonly BlockDevice[],
  snapshotsById: ReadonlyMap<string, SnapshotRecord>,
): number {
  let usd = 0;
  forEachImageSnapshotCost(blockDevices, snapshotsById, (_, c) => {
    usd += c;
  });
  return usd;
}

/** Rounds a dollar figure to cents, so reports do not show floating-point noise. */
export function roundUsd(usd: number): number {
  return Math.round(usd * 100) / 100;
}
