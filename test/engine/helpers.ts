import { evaluate } from '../../src/engine/evaluate.js';
import type { Finding, Report } from '../../src/findings/model.js';
import type { Inventory } from '../../src/inventory/inventory.js';
import {
  COLLECTORS,
  type Collector,
  type ImageRecord,
  type SegmentRecord,
  type SegmentStatus,
} from '../../src/inventory/schema.js';
import type { Check, LoadedException, Rule } from '../../src/rules/schema.js';
import { DEV, MGMT, PROD, REGIONS, SANDBOX } from '../support/organization.js';
import { imageRecord, segmentRecord } from '../support/records.js';

export const NOW = new Date('2025-06-01T00:00:00.000Z');
export const ORG_ID = 'o-testorg0001';
export const OU_PROD = 'ou-root-prod0001';
export const OU_DEV = 'ou-root-dev00001';
export const OU_SANDBOX = 'ou-root-sand0001';

/** ISO timestamp `days` days before NOW. */
export function daysAgo(days: number): string {
  return new Date(NOW.getTime() - days * 86_400_000).toISOString();
}

let seq = 0;
/** An image record with harmless defaults (owned by MGMT in us-east-1, created 10 days ago, private, unshared). */
export function image(over: Partial<ImageRecord> = {}): ImageRecord {
  seq++;
  return imageRecord(`ami-${seq.toString(16).padStart(17, '0')}`, {
    name: `image-${seq}`,
    creationDate: daysAgo(10),
    state: 'available',
    blockDevices: [{ deviceName: '/dev/xvda', snapshotId: `snap-${seq}`, volumeSize: 8, encrypted: true }],
    launchPermissions: [],
    ...over,
  });
}

/** One segment record. */
export function segment(
  account: string,
  region: string,
  collector: Collector,
  status: SegmentStatus = 'ok',
  error?: string,
): SegmentRecord {
  return segmentRecord({ account, region, collector, status, durationMs: 1, ...(error ? { error } : {}) });
}

/** Ok segments of every collector for every account × region (plus the account-level ones). */
export function okSegments(accounts = [MGMT, PROD, DEV, SANDBOX], regions = REGIONS): SegmentRecord[] {
  const out: SegmentRecord[] = [];
  for (const a of accounts) {
    out.push(segment(a, '*', 'assume-role'), segment(a, '*', 'regions'));
    for (const r of regions) {
      for (const c of COLLECTORS) if (c !== 'assume-role' && c !== 'regions') out.push(segment(a, r, c));
    }
  }
  return out;
}

/** Replaces the segment (account, region, collector) with one of the given status. */
export function failSegment(
  segments: SegmentRecord[],
  account: string,
  region: string,
  collector: Collector,
  status: SegmentStatus = 'access-denied',
): SegmentRecord[] {
  return segments.map((s) =>
    s.account === account && s.region === region && s.collector === collector
      ? segment(account, region, collector, status, `${status} for ${collector}`)
      : s,
  );
}

/** A four-account organization: MGMT at the root, PROD in OU_PROD, DEV in OU_DEV, SANDBOX in OU_SANDBOX (nested under OU_DEV). */
export function inventory(over: Partial<Inventory> = {}): Inventory {
  return {
    organization: {
      id: ORG_ID,
      managementAccountId: MGMT,
      accounts: [
        { id: MGMT, parentId: 'r-root' },
        { id: PROD, parentId: OU_PROD },
        { id: DEV, parentId: OU_DEV },
        { id: SANDBOX, parentId: OU_SANDBOX },
      ],
      ous: [
        { id: 'r-root' },
        { id: OU_PROD, parentId: 'r-root' },
        { id: OU_DEV, parentId: 'r-root' },
        { id: OU_SANDBOX, parentId: OU_DEV },
      ],
    },
    requestedAccounts: [],
    collectedAt: '2025-05-31T12:00:00.000Z',
    collectors: [...COLLECTORS],
    segments: okSegments(),
    images: [],
    usage: [],
    snapshots: [],
    accountRegions: [],
    ...over,
  };
}

/** A loaded rule with a given check. */
export function rule(check: Check, over: Partial<Rule> = {}): Rule {
  return {
    id: `test-${check.type}`,
    title: `Test ${check.type}`,
    severity: 'high',
    check,
    source: { file: 'rules/test.yaml', line: 3 },
    ...over,
  };
}

/** An exception entry as the loader returns it. */
export function exception(over: Partial<LoadedException> = {}): LoadedException {
  return {
    rules: ['*'],
    reason: 'accepted risk',
    owner: 'secops@example.com',
    expires: '2099-12-31',
    source: { file: 'exceptions.yaml', line: 2 },
    ...over,
  };
}

/** Runs evaluate() with the test defaults. */
export function run(inv: Inventory, rules: Rule[], exceptions: LoadedException[] = [], now = NOW): Report {
  return evaluate({
    inventory: inv,
    rules,
    exceptions,
    now,
    rulesDigest: 'sha256:test',
    toolVersion: '0.0.0-test',
  });
}

/** Status of the finding on `resourceId`, or "pass" when there is none. */
export function statusOf(report: Report, resourceId: string): Finding['status'] | 'pass' {
  return report.findings.find((f) => f.resource.id === resourceId)?.status ?? 'pass';
}

/** The finding on `resourceId` (throws when there is none, so tests fail loudly). */
export function findingOf(report: Report, resourceId: string): Finding {
  const f = report.findings.find((x) => x.resource.id === resourceId);
  if (!f) throw new Error(`no finding for ${resourceId}`);
  return f;
}
