import type {
  HeaderRecord,
  ImageRecord,
  InventoryRecord,
  SegmentRecord,
} from '../../src/inventory/schema.js';

/** Small record builders for inventory tests. */
export const ACCOUNT_A = '111111111111';
export const ACCOUNT_B = '222222222222';

export function header(overrides: Partial<HeaderRecord> = {}): HeaderRecord {
  return {
    kind: 'header',
    schemaVersion: '1',
    collectedAt: '2026-01-01T00:00:00.000Z',
    organization: { id: 'o-abcdefghij', accounts: [{ id: ACCOUNT_A, name: 'a' }], ous: [{ id: 'r-ab12' }] },
    requestedAccounts: [ACCOUNT_A],
    collectors: ['images'],
    ...overrides,
  };
}

export function image(imageId: string, overrides: Partial<ImageRecord> = {}): ImageRecord {
  return {
    kind: 'image',
    account: ACCOUNT_A,
    region: 'us-east-1',
    imageId,
    name: `name-${imageId}`,
    public: false,
    tags: {},
    blockDevices: [],
    ...overrides,
  };
}

export function segment(overrides: Partial<SegmentRecord> = {}): SegmentRecord {
  return {
    kind: 'segment',
    account: ACCOUNT_A,
    region: 'us-east-1',
    collector: 'images',
    status: 'ok',
    calls: 1,
    durationMs: 10,
    ...overrides,
  };
}

/** Renders records as JSONL text. */
export function jsonl(records: Array<InventoryRecord | string>): string {
  return records.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n';
}
