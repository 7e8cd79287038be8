import type {
  AccountRegionRecord,
  ImageRecord,
  Organization,
  SegmentRecord,
  SnapshotRecord,
  UsageRecord,
} from './schema.js';

/** The merged, in-memory view of one or more inventory files (shards). Built by the reader. */
export interface Inventory {
  organization: Organization;
  /** Accounts the collection(s) set out to scan (union over shards); empty when unknown. */
  requestedAccounts: string[];
  /** Latest collectedAt over the merged headers. */
  collectedAt: string;
  /** Collectors that ran in at least one shard. */
  collectors: string[];
  segments: SegmentRecord[];
  images: ImageRecord[];
  usage: UsageRecord[];
  snapshots: SnapshotRecord[];
  accountRegions: AccountRegionRecord[];
  /**
   * Shards ("I/N") announced by the headers' `shard` field but absent from the merged files; their
   * accounts are not in this inventory, so the audit is incomplete. Absent when nothing is missing.
   */
  missingShards?: string[];
}
