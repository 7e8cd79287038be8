import { arKey, getOrCreate, inScope } from './keys.js';

export interface EmuSnapshot {
  snapshotId: string;
  account: string;
  region: string;
  volumeSize: number;
  storageTier: 'standard' | 'archive';
  encrypted: boolean;
  description: string;
  startTime: string;
  tags: Map<string, string>;
  createVolumePermissions: { group?: 'all'; userId?: string }[];
}

/** EBS snapshots, indexed by id and by (account, region). */
export class SnapshotStore {
  private readonly byId = new Map<string, EmuSnapshot>();
  private readonly byAr = new Map<string, Map<string, EmuSnapshot>>();

  /** Adds a snapshot to both indexes. */
  add(s: EmuSnapshot): void {
    this.byId.set(s.snapshotId, s);
    getOrCreate(this.byAr, arKey(s.account, s.region), () => new Map()).set(s.snapshotId, s);
  }

  /** Removes a snapshot (DeleteSnapshot). */
  remove(s: EmuSnapshot): void {
    this.byId.delete(s.snapshotId);
    this.byAr.get(arKey(s.account, s.region))?.delete(s.snapshotId);
  }

  /** The snapshot with this id. */
  get(snapshotId: string): EmuSnapshot | undefined {
    return this.byId.get(snapshotId);
  }

  /** True when a snapshot with this id exists. */
  has(snapshotId: string): boolean {
    return this.byId.has(snapshotId);
  }

  /** Every snapshot, optionally of one account and/or region. */
  list(filter: { account?: string; region?: string } = {}): EmuSnapshot[] {
    return [...this.byId.values()].filter((s) => inScope(s, filter));
  }

  /** Snapshots owned by the account in the region. */
  owned(account: string, region: string): Iterable<EmuSnapshot> {
    return this.byAr.get(arKey(account, region))?.values() ?? [];
  }
}
