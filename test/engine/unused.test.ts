import { describe, expect, it } from 'vitest';
import type { Inventory } from '../../src/inventory/inventory.js';
import type { ImageRecord, SegmentRecord } from '../../src/inventory/schema.js';
import { DEV, FOREIGN, MGMT, orgArn, ouArn, PROD, SANDBOX } from '../support/organization.js';
import { usageRecord as usage } from '../support/records.js';
import {
  daysAgo,
  failSegment,
  findingOf,
  image,
  inventory,
  ORG_ID,
  OU_DEV,
  okSegments,
  rule,
  run,
  segment,
  statusOf,
} from './helpers.js';

const check = { type: 'unused', days: 90 } as const;
const old = { creationDate: daysAgo(400), lastLaunchedTime: undefined };

interface Case {
  name: string;
  img: Partial<ImageRecord>;
  used?: string; // account with a usage record
  segments?: (s: SegmentRecord[]) => SegmentRecord[];
  inv?: Partial<Inventory>;
  expected: 'pass' | 'open' | 'inconclusive';
}

const cases: Case[] = [
  { name: 'never launched, no references, old → unused', img: old, expected: 'open' },
  { name: 'used by an instance in its own account', img: old, used: MGMT, expected: 'pass' },
  { name: 'used from another account of the inventory', img: old, used: PROD, expected: 'pass' },
  {
    name: 'a usage record wins over failed collectors',
    img: old,
    used: DEV,
    segments: (s) => failSegment(s, MGMT, 'us-east-1', 'instances'),
    expected: 'pass',
  },
  { name: 'launched within the window', img: { ...old, lastLaunchedTime: daysAgo(30) }, expected: 'pass' },
  { name: 'launched before the window', img: { ...old, lastLaunchedTime: daysAgo(120) }, expected: 'open' },
  {
    name: 'within the grace period (minAgeDays = days)',
    img: { creationDate: daysAgo(60) },
    expected: 'pass',
  },
  { name: 'no creation date → inconclusive', img: { creationDate: undefined }, expected: 'inconclusive' },
  {
    name: 'failed instances segment in its own account-region → inconclusive',
    img: old,
    segments: (s) => failSegment(s, MGMT, 'us-east-1', 'instances'),
    expected: 'inconclusive',
  },
  {
    name: 'assume-role failed in its own account → inconclusive',
    img: old,
    segments: (s) => failSegment(s, MGMT, '*', 'assume-role', 'assume-failed'),
    expected: 'inconclusive',
  },
  {
    name: 'failed segment in a consumer account it is shared with → inconclusive',
    img: { ...old, launchPermissions: [{ userId: DEV }] },
    segments: (s) => failSegment(s, DEV, 'us-east-1', 'launch-templates'),
    expected: 'inconclusive',
  },
  {
    name: 'failed segment in an unrelated account → still unused',
    img: { ...old, launchPermissions: [{ userId: DEV }] },
    segments: (s) => failSegment(s, PROD, 'us-east-1', 'instances'),
    expected: 'open',
  },
  {
    name: 'failed segment in the consumer account but another region → still unused',
    img: { ...old, launchPermissions: [{ userId: DEV }] },
    segments: (s) => failSegment(s, DEV, 'eu-west-1', 'instances'),
    expected: 'open',
  },
  {
    name: 'shared with the own org → every org account is a consumer',
    img: { ...old, launchPermissions: [{ organizationArn: orgArn(ORG_ID) }] },
    segments: (s) => failSegment(s, PROD, 'us-east-1', 'auto-scaling-groups'),
    expected: 'inconclusive',
  },
  {
    name: 'shared with an OU → accounts of nested OUs are consumers',
    img: { ...old, launchPermissions: [{ organizationalUnitArn: ouArn(ORG_ID, OU_DEV) }] },
    segments: (s) => failSegment(s, SANDBOX, 'us-east-1', 'instances'),
    expected: 'inconclusive',
  },
  {
    name: 'shared with an OU → accounts outside it are not consumers',
    img: { ...old, launchPermissions: [{ organizationalUnitArn: ouArn(ORG_ID, OU_DEV) }] },
    segments: (s) => failSegment(s, PROD, 'us-east-1', 'instances'),
    expected: 'open',
  },
  {
    name: 'shared with a foreign org → its accounts are not scanned, verdict unchanged',
    img: { ...old, launchPermissions: [{ organizationArn: orgArn('o-foreign00001') }] },
    segments: (s) => failSegment(s, PROD, 'us-east-1', 'instances'),
    expected: 'open',
  },
  {
    name: 'public → every scanned account is a consumer',
    img: { ...old, public: true, launchPermissions: [{ group: 'all' }] },
    segments: (s) => failSegment(s, PROD, 'us-east-1', 'instances'),
    expected: 'inconclusive',
  },
  {
    name: 'launch permissions not collected → every scanned account assumed to be a consumer',
    img: { ...old, launchPermissions: undefined },
    segments: (s) => failSegment(s, PROD, 'us-east-1', 'instances'),
    expected: 'inconclusive',
  },
  {
    name: 'consumer region not enabled (region-disabled) proves no use there',
    img: { ...old, launchPermissions: [{ userId: DEV }] },
    segments: (s) => [
      ...s.filter((x) => !(x.account === DEV && x.region === 'us-east-1')),
      segment(DEV, 'us-east-1', 'instances', 'region-disabled'),
    ],
    expected: 'open',
  },
  {
    name: 'a usage collector that never ran → inconclusive',
    img: old,
    segments: (s) => s.filter((x) => x.collector !== 'launch-configurations'),
    inv: { collectors: ['images', 'instances', 'launch-templates', 'auto-scaling-groups'] },
    expected: 'inconclusive',
  },
  {
    name: 'a requested consumer account that was never collected → inconclusive',
    img: { ...old, launchPermissions: [{ userId: DEV }] },
    segments: (s) => s.filter((x) => x.account !== DEV),
    expected: 'inconclusive',
  },
];

describe('unused check (three-state verdict)', () => {
  it.each(cases)('$name', ({ img, used, segments, inv, expected }) => {
    const ami = image(img);
    const report = run(
      inventory({
        images: [ami],
        usage: used ? [usage(ami.imageId, used)] : [],
        segments: segments ? segments(okSegments()) : okSegments(),
        ...inv,
      }),
      [rule(check)],
    );
    expect(statusOf(report, ami.imageId)).toBe(expected);
    if (expected !== 'pass') {
      expect(findingOf(report, ami.imageId).evidence.verdict).toBe(
        expected === 'open' ? 'unused' : 'inconclusive',
      );
    }
  });

  it('explains what was checked', () => {
    const ami = image({ ...old, launchPermissions: [{ userId: DEV }, { userId: FOREIGN }] });
    const segs = failSegment(okSegments(), DEV, 'us-east-1', 'instances');
    const f = findingOf(run(inventory({ images: [ami], segments: segs }), [rule(check)]), ami.imageId);
    expect(f.evidence).toMatchObject({
      days: 90,
      minAgeDays: 90,
      lastLaunchedTime: null,
      usageRefs: [],
      collectors: ['instances', 'launch-templates', 'launch-configurations', 'auto-scaling-groups'],
      accountRegionsConsulted: [`${MGMT}/us-east-1`, `${DEV}/us-east-1`],
      sharedOutsideScannedAccounts: [FOREIGN],
      failedSegmentCount: 1,
      failedSegments: [
        { account: DEV, region: 'us-east-1', collector: 'instances', status: 'access-denied' },
      ],
    });
    expect(f.message).toContain(`${DEV}/us-east-1 instances (access-denied)`);
  });

  it('minAgeDays overrides the grace period', () => {
    const ami = image({ creationDate: daysAgo(20) });
    const report = run(inventory({ images: [ami] }), [rule({ type: 'unused', days: 90, minAgeDays: 7 })]);
    expect(statusOf(report, ami.imageId)).toBe('open');
  });
});
