import type { InventoryIndex } from '../inventory/inventory-index.js';
import type { ImageRecord } from '../inventory/schema.js';
import { deviceSnapshotCost, snapshotMonthlyCost } from './cost.js';

/**
 * Prices findings and adds up the report total. Each image is priced once (however many rules flag it),
 * and the total counts each snapshot once (however many AMIs or rules point at it) — with flags indexed by
 * position instead of sets of a million ids.
 */
export class CostTally {
  private readonly imageUsd: Float64Array;
  private readonly counted: Uint8Array;
  private readonly countedMissing = new Set<string>();
  total = 0;

  constructor(private readonly index: InventoryIndex) {
    this.imageUsd = new Float64Array(index.inventory.images.length).fill(Number.NaN);
    this.counted = new Uint8Array(index.inventory.snapshots.length);
  }

  /** Monthly snapshot storage of inventory.images[position]. */
  image(img: ImageRecord, position: number): number {
    let usd = this.imageUsd[position];
    if (!Number.isNaN(usd)) return usd;
    usd = 0;
    const { start, refs } = this.index.imageSnapshots;
    const snapshots = this.index.inventory.snapshots;
    let k = start[position];
    for (const bd of img.blockDevices) {
      if (bd.snapshotId === undefined) continue;
      const ref = refs[k++];
      usd += deviceSnapshotCost(bd, ref >= 0 ? snapshots[ref] : undefined);
    }
    this.imageUsd[position] = usd;
    return usd;
  }

  /** Monthly storage of inventory.snapshots[ref]. */
  snapshot(ref: number): number {
    const s = this.index.inventory.snapshots[ref];
    return snapshotMonthlyCost(s.volumeSizeGiB, s.storageTier);
  }

  /** Adds the snapshots behind an image with an open finding to the total (each snapshot once). */
  countImage(img: ImageRecord, position: number): void {
    const { start, refs } = this.index.imageSnapshots;
    let k = start[position];
    for (const bd of img.blockDevices) {
      if (bd.snapshotId === undefined) continue;
      const ref = refs[k++];
      if (ref >= 0) this.countSnapshot(ref);
      else if (!this.countedMissing.has(bd.snapshotId)) {
        this.countedMissing.add(bd.snapshotId);
        this.total += deviceSnapshotCost(bd, undefined);
      }
    }
  }

  /** Adds one snapshot with an open finding to the total (once). */
  countSnapshot(ref: number): void {
    if (this.counted[ref] === 1) return;
    this.counted[ref] = 1;
    this.total += this.snapshot(ref);
  }
}
