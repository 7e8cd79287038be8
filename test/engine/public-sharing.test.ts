import { describe, expect, it } from 'vitest';
import type { CheckOf } from '../../src/catalog/check-registry.js';
import type { AccountRegionRecord, LaunchPermission } from '../../src/inventory/schema.js';
import { DEV, FOREIGN, MGMT, orgArn, ouArn, PROD, REGIONS, SANDBOX } from '../support/organization.js';
import { accountRegionRecord, snapshotRecord as snapshot } from '../support/records.js';

type PublicSharingCheck = CheckOf<'public-sharing'>;

import {
  failSegment,
  findingOf,
  image,
  inventory,
  ORG_ID,
  OU_DEV,
  OU_PROD,
  OU_SANDBOX,
  okSegments,
  rule,
  run,
  statusOf,
} from './helpers.js';

const FOREIGN_ORG = 'o-foreign00001';

const base: PublicSharingCheck = {
  type: 'public-sharing',
  trustedAccounts: ['organization'],
  trustedOrganizations: ['self'],
  requireBlockPublicAccess: false,
};

interface Case {
  name: string;
  perms: LaunchPermission[] | undefined;
  isPublic?: boolean;
  check?: Partial<PublicSharingCheck>;
  expected: 'pass' | 'open' | 'inconclusive';
  untrusted?: LaunchPermission[];
}

const cases: Case[] = [
  { name: 'private and unshared', perms: [], expected: 'pass' },
  {
    name: 'public',
    perms: [{ group: 'all' }],
    isPublic: true,
    expected: 'open',
    untrusted: [{ group: 'all' }],
  },
  {
    name: 'public but allowPublic',
    perms: [{ group: 'all' }],
    isPublic: true,
    check: { allowPublic: true },
    expected: 'pass',
  },
  {
    name: 'shared with an org account (trustedAccounts: organization)',
    perms: [{ userId: PROD }],
    expected: 'pass',
  },
  {
    name: 'shared with a foreign account',
    perms: [{ userId: FOREIGN }],
    expected: 'open',
    untrusted: [{ userId: FOREIGN }],
  },
  {
    name: 'shared with an explicitly trusted foreign account',
    perms: [{ userId: FOREIGN }],
    check: { trustedAccounts: [FOREIGN] },
    expected: 'pass',
  },
  {
    name: 'own org ARN with trustedOrganizations [self]',
    perms: [{ organizationArn: orgArn(ORG_ID) }],
    expected: 'pass',
  },
  {
    name: 'foreign org ARN with trustedOrganizations [self]',
    perms: [{ organizationArn: orgArn(FOREIGN_ORG) }],
    expected: 'open',
    untrusted: [{ organizationArn: orgArn(FOREIGN_ORG) }],
  },
  {
    name: 'foreign org ARN that is listed by id',
    perms: [{ organizationArn: orgArn(FOREIGN_ORG) }],
    check: { trustedOrganizations: ['self', FOREIGN_ORG] },
    expected: 'pass',
  },
  {
    name: 'own org OU in trustedOUs',
    perms: [{ organizationalUnitArn: ouArn(ORG_ID, OU_PROD) }],
    check: { trustedOrganizations: [], trustedOUs: [OU_PROD] },
    expected: 'pass',
  },
  {
    name: 'nested OU under a trusted OU',
    perms: [{ organizationalUnitArn: ouArn(ORG_ID, OU_SANDBOX) }],
    check: { trustedOrganizations: [], trustedOUs: [OU_DEV] },
    expected: 'pass',
  },
  {
    name: 'own org OU not trusted',
    perms: [{ organizationalUnitArn: ouArn(ORG_ID, OU_DEV) }],
    check: { trustedOrganizations: [], trustedOUs: [OU_PROD] },
    expected: 'open',
  },
  {
    name: 'OU of a foreign org with a trusted OU id is still foreign',
    perms: [{ organizationalUnitArn: ouArn(FOREIGN_ORG, OU_PROD) }],
    check: { trustedOUs: [OU_PROD] },
    expected: 'open',
  },
  {
    name: 'account under a trusted OU',
    perms: [{ userId: SANDBOX }],
    check: { trustedAccounts: [], trustedOrganizations: [], trustedOUs: [OU_DEV] },
    expected: 'pass',
  },
  {
    name: 'org account when nothing is trusted',
    perms: [{ userId: DEV }],
    check: { trustedAccounts: [], trustedOrganizations: [] },
    expected: 'open',
  },
  {
    name: 'only the untrusted principals are listed',
    perms: [{ userId: PROD }, { userId: FOREIGN }, { organizationArn: orgArn(FOREIGN_ORG) }],
    expected: 'open',
    untrusted: [{ userId: FOREIGN }, { organizationArn: orgArn(FOREIGN_ORG) }],
  },
  { name: 'launch permissions not collected → inconclusive', perms: undefined, expected: 'inconclusive' },
  {
    name: 'public with launch permissions not collected → open',
    perms: undefined,
    isPublic: true,
    expected: 'open',
    untrusted: [{ group: 'all' }],
  },
];

describe('public-sharing check, launch permissions', () => {
  it.each(cases)('$name', ({ perms, isPublic, check, expected, untrusted }) => {
    const ami = image({ launchPermissions: perms, public: isPublic ?? false });
    const report = run(inventory({ images: [ami] }), [rule({ ...base, ...check })]);
    expect(statusOf(report, ami.imageId)).toBe(expected);
    if (untrusted) expect(findingOf(report, ami.imageId).evidence.untrustedPrincipals).toEqual(untrusted);
  });

  it('lists every problem in one finding per AMI', () => {
    const ami = image({ public: true, launchPermissions: [{ group: 'all' }, { userId: FOREIGN }] });
    const report = run(inventory({ images: [ami] }), [rule(base)]);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0].message).toContain('is public');
    expect(report.findings[0].message).toContain(`account ${FOREIGN}`);
  });
});

describe('public-sharing check, checkSharing: false', () => {
  const publicOnly: PublicSharingCheck = {
    type: 'public-sharing',
    checkSharing: false,
    checkSnapshots: false,
    requireBlockPublicAccess: false,
  };

  it.each([
    { name: 'ignores untrusted shares', img: { launchPermissions: [{ userId: FOREIGN }] }, expected: 'pass' },
    {
      name: 'still flags a public AMI',
      img: { public: true, launchPermissions: [{ group: 'all' as const }] },
      expected: 'open',
    },
    {
      name: 'needs no launch permissions to decide',
      img: { launchPermissions: undefined },
      expected: 'pass',
    },
  ])('$name', ({ img, expected }) => {
    const ami = image(img);
    expect(statusOf(run(inventory({ images: [ami] }), [rule(publicOnly)]), ami.imageId)).toBe(expected);
  });

  it('a snapshot-only or settings-only rule does not evaluate the AMIs themselves', () => {
    const ami = image({ launchPermissions: undefined, blockDevices: [{ snapshotId: 'snap-ok' }] });
    const snaps = [snapshot('snap-ok')];
    const check: PublicSharingCheck = {
      type: 'public-sharing',
      allowPublic: true,
      checkSharing: false,
      requireBlockPublicAccess: false,
    };
    const report = run(inventory({ images: [ami], snapshots: snaps }), [rule(check)]);
    expect(report.findings).toEqual([]);
    expect(report.summary.byRule[0].evaluated).toBe(1); // the snapshot only
  });
});

describe('public-sharing check, snapshots', () => {
  it('raises a separate finding on a publicly restorable backing snapshot', () => {
    const ami = image({ blockDevices: [{ snapshotId: 'snap-pub', volumeSize: 8 }] });
    const report = run(inventory({ images: [ami], snapshots: [snapshot('snap-pub', { public: true })] }), [
      rule(base),
    ]);
    expect(statusOf(report, ami.imageId)).toBe('pass');
    const f = findingOf(report, 'snap-pub');
    expect(f.status).toBe('open');
    expect(f.resource.type).toBe('ec2:snapshot');
    expect(f.resource.arn).toBe(`arn:aws:ec2:us-east-1:${MGMT}:snapshot/snap-pub`);
    expect(f.evidence.imageId).toBe(ami.imageId);
  });

  it('flags a snapshot shared with an untrusted account', () => {
    const ami = image({ blockDevices: [{ snapshotId: 'snap-sh' }] });
    const snaps = [snapshot('snap-sh', { sharedWith: [PROD, FOREIGN] })];
    const f = findingOf(run(inventory({ images: [ami], snapshots: snaps }), [rule(base)]), 'snap-sh');
    expect(f.evidence.untrustedAccounts).toEqual([FOREIGN]);
  });

  it('skips snapshots with checkSnapshots: false', () => {
    const ami = image({ blockDevices: [{ snapshotId: 'snap-pub' }] });
    const snaps = [snapshot('snap-pub', { public: true })];
    const report = run(inventory({ images: [ami], snapshots: snaps }), [
      rule({ ...base, checkSnapshots: false }),
    ]);
    expect(report.findings).toEqual([]);
  });

  it('is inconclusive when a backing snapshot was not collected because its collector failed', () => {
    const ami = image({ blockDevices: [{ snapshotId: 'snap-missing' }] });
    const segs = failSegment(okSegments(), MGMT, 'us-east-1', 'snapshots');
    const report = run(inventory({ images: [ami], segments: segs }), [rule(base)]);
    expect(statusOf(report, ami.imageId)).toBe('inconclusive');
  });
});

describe('public-sharing check, block public access', () => {
  const bpa = (account: string, region: string, state?: string): AccountRegionRecord =>
    accountRegionRecord(account, region, state ? { imageBlockPublicAccess: state } : {});
  const all = (state: string) =>
    [MGMT, PROD, DEV, SANDBOX].flatMap((a) => REGIONS.map((r) => bpa(a, r, state)));

  it('flags each account-region whose image BPA is not block-new-sharing', () => {
    const records = all('block-new-sharing').map((r) =>
      r.account === DEV && r.region === 'eu-west-1' ? bpa(DEV, 'eu-west-1', 'unblocked') : r,
    );
    const report = run(inventory({ accountRegions: records }), [
      rule({ ...base, requireBlockPublicAccess: true }),
    ]);
    expect(report.findings).toHaveLength(1);
    const f = report.findings[0];
    expect(f.resource).toEqual({
      type: 'account-region',
      id: `${DEV}/eu-west-1`,
      arn: `arn:aws:ec2:eu-west-1:${DEV}:account-region`,
      account: DEV,
      region: 'eu-west-1',
    });
    expect(f.evidence.imageBlockPublicAccess).toBe('unblocked');
    expect(report.summary.byRule[0].evaluated).toBe(8);
  });

  it('is inconclusive for an account-region whose settings were not collected', () => {
    const records = all('block-new-sharing').filter((r) => !(r.account === PROD && r.region === 'us-east-1'));
    const segs = failSegment(okSegments(), PROD, 'us-east-1', 'settings');
    const report = run(inventory({ accountRegions: records, segments: segs }), [
      rule({ ...base, requireBlockPublicAccess: true }),
    ]);
    expect(statusOf(report, `${PROD}/us-east-1`)).toBe('inconclusive');
    expect(report.findings).toHaveLength(1);
  });

  it('applies the rule scope (account, OU, region) to account-regions, ignoring image-only keys', () => {
    const report = run(inventory({ accountRegions: all('unblocked') }), [
      rule(
        { ...base, requireBlockPublicAccess: true },
        { scope: { ous: [OU_DEV], regions: ['eu-*'], names: ['golden-*'] }, exclude: { tags: { x: '*' } } },
      ),
    ]);
    expect(report.findings.map((f) => f.resource.id)).toEqual([`${DEV}/eu-west-1`, `${SANDBOX}/eu-west-1`]);
  });
});
