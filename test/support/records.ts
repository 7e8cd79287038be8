import type {
  AccountRegionRecord,
  HeaderRecord,
  ImageRecord,
  InventoryRecord,
  SegmentRecord,
  SnapshotRecord,
  UsageRecord,
} from '../../src/inventory/schema.js';
import { MGMT, REGION } from './organization.js';

// Each builder sets the schema's required fields and little else, for MGMT in the home region, so a
// test states exactly the fields it is about.

/** A header record: one collector over MGMT in a one-account organization. */
export function headerRecord(over: Partial<HeaderRecord> = {}): HeaderRecord {
  return {
    kind: 'header',
    schemaVersion: '1',
    collectedAt: '2026-01-01T00:00:00.000Z',
    organization: { id: 'o-abcdefghij', accounts: [{ id: MGMT, name: 'a' }], ous: [{ id: 'r-ab12' }] },
    requestedAccounts: [MGMT],
    collectors: ['images'],
    ...over,
  };
}

/** A private, untagged image record without block devices. */
export function imageRecord(imageId: string, over: Partial<ImageRecord> = {}): ImageRecord {
  return {
    kind: 'image',
    account: MGMT,
    region: REGION,
    imageId,
    name: `name-${imageId}`,
    public: false,
    tags: {},
    blockDevices: [],
    ...over,
  };
}

/** A usage record: an instance of `account` runs `imageId` in `region`. */
export function usageRecord(imageId: string, account: string, region = REGION): UsageRecord {
  return { kind: 'usage', imageId, account, region, source: 'instance', refId: `i-${account}-${imageId}` };
}

/** A private 8 GiB snapshot record. */
export function snapshotRecord(snapshotId: string, over: Partial<SnapshotRecord> = {}): SnapshotRecord {
  return {
    kind: 'snapshot',
    account: MGMT,
    region: REGION,
    snapshotId,
    volumeSizeGiB: 8,
    public: false,
    ...over,
  };
}

/** The block-public-access settings of one account-region. */
export function accountRegionRecord(
  account: string,
  region: string,
  over: Partial<AccountRegionRecord> = {},
): AccountRegionRecord {
  return { kind: 'account-region', account, region, ...over };
}

/** An ok segment of the images collector. */
export function segmentRecord(over: Partial<SegmentRecord> = {}): SegmentRecord {
  return {
    kind: 'segment',
    account: MGMT,
    region: REGION,
    collector: 'images',
    status: 'ok',
    calls: 1,
    durationMs: 10,
    ...over,
  };
}

/** Renders records (or raw lines) as JSONL text. */
export function jsonl(records: Array<InventoryRecord | string>): string {
  return records.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n';
}
