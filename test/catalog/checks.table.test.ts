// The six check types as RuleTester-style tables: one row per behaviour a rule author relies on.
import { daysAgo, failSegment, image, okSegments } from '../engine/helpers.js';
import { checkTable } from '../support/check-table.js';
import { DEV, MGMT } from '../support/organization.js';
import { usageRecord as usage } from '../support/records.js';

const named = image({ imageId: 'ami-00000000000000n01', name: 'web-20250101', tags: { Owner: 'a' } });
const badName = image({ imageId: 'ami-00000000000000n02', name: 'Web Server', tags: { Owner: 'a' } });

checkTable('naming', {
  defaults: { namePattern: '^[a-z]+-\\d{8}$', requiredTags: { Owner: null } },
  valid: [{ name: 'name and tags as required', inventory: { images: [named] }, resource: named.imageId }],
  invalid: [
    {
      name: 'name does not match',
      inventory: { images: [badName] },
      resource: badName.imageId,
      message: /does not match/,
      evidence: { unmet: [{ requirement: 'namePattern' }] },
    },
    {
      name: 'a required tag is missing',
      inventory: { images: [named] },
      check: { requiredTags: { Team: null } },
      resource: named.imageId,
      message: /tag "Team" is missing/,
    },
  ],
});

const young = image({ imageId: 'ami-00000000000000a01', creationDate: daysAgo(10) });
const old = image({ imageId: 'ami-00000000000000a02', creationDate: daysAgo(400) });
const undated = image({ imageId: 'ami-00000000000000a03', creationDate: undefined });
const oldParent = image({ imageId: 'ami-00000000000000a04', creationDate: daysAgo(500) });
const freshCopy = image({ imageId: 'ami-00000000000000a05', sourceImageId: oldParent.imageId });

checkTable('age', {
  defaults: { maxDays: 180 },
  valid: [
    { name: 'younger than maxDays', inventory: { images: [young] }, resource: young.imageId },
    {
      name: 'a fresh copy passes on its own creation date',
      inventory: { images: [oldParent, freshCopy] },
      resource: freshCopy.imageId,
    },
  ],
  invalid: [
    {
      name: 'older than maxDays',
      inventory: { images: [old] },
      resource: old.imageId,
      evidence: { ageDays: 400 },
    },
    {
      name: 'basis source follows SourceImageId to the oldest ancestor',
      inventory: { images: [oldParent, freshCopy] },
      check: { basis: 'source' },
      resource: freshCopy.imageId,
      evidence: { rootImageId: oldParent.imageId },
    },
  ],
  inconclusive: [{ name: 'no creation date', inventory: { images: [undated] }, resource: undated.imageId }],
});

const idle = image({ imageId: 'ami-00000000000000u01', creationDate: daysAgo(200) });
const inUse = image({ imageId: 'ami-00000000000000u02', creationDate: daysAgo(200) });
const launched = image({
  imageId: 'ami-00000000000000u03',
  creationDate: daysAgo(200),
  lastLaunchedTime: daysAgo(5),
});

checkTable('unused', {
  defaults: {},
  valid: [
    {
      name: 'used in another account of the organization',
      inventory: { images: [inUse], usage: [usage(inUse.imageId, DEV)] },
      resource: inUse.imageId,
    },
    {
      name: 'launched within the window (default 90 days)',
      inventory: { images: [launched] },
      resource: launched.imageId,
    },
    { name: 'younger than the grace period', inventory: { images: [young] }, resource: young.imageId },
  ],
  invalid: [
    {
      name: 'no use anywhere and not launched',
      inventory: { images: [idle] },
      resource: idle.imageId,
      evidence: { verdict: 'unused', days: 90 },
    },
  ],
  inconclusive: [
    {
      name: 'an instance listing failed where the AMI is visible',
      inventory: { images: [idle], segments: failSegment(okSegments(), MGMT, 'us-east-1', 'instances') },
      resource: idle.imageId,
      message: /could not be checked/,
      evidence: { verdict: 'inconclusive' },
    },
  ],
});

const fam = (id: string, days: number, tags: Record<string, string> = {}) =>
  image({ imageId: id, creationDate: daysAgo(days), tags: { Family: 'web', ...tags } });
const newest = fam('ami-00000000000000r01', 10);
const older = fam('ami-00000000000000r02', 50);
const held = fam('ami-00000000000000r03', 90, { 'amiaudit:hold': 'audit' });

checkTable('retention', {
  defaults: { groupBy: { tag: 'Family' }, keepLatest: 1 },
  valid: [
    {
      name: 'the newest of its family is kept',
      inventory: { images: [newest, older] },
      resource: newest.imageId,
    },
    { name: 'a held image is kept', inventory: { images: [newest, held] }, resource: held.imageId },
    {
      name: 'an image in use is kept',
      inventory: { images: [newest, older], usage: [usage(older.imageId, DEV)] },
      resource: older.imageId,
    },
  ],
  invalid: [
    {
      name: 'older than the keepLatest newest',
      inventory: { images: [newest, older] },
      resource: older.imageId,
      evidence: { family: 'web', rank: 2, holdTag: 'amiaudit:hold', inUse: false },
    },
  ],
  inconclusive: [
    {
      name: 'usage evidence missing where the image is visible',
      inventory: {
        images: [newest, older],
        segments: failSegment(okSegments(), MGMT, 'us-east-1', 'launch-templates'),
      },
      resource: older.imageId,
    },
  ],
});

const privateImage = image({ imageId: 'ami-00000000000000p01' });
const publicImage = image({
  imageId: 'ami-00000000000000p02',
  public: true,
  launchPermissions: [{ group: 'all' }],
});
const sharedOut = image({
  imageId: 'ami-00000000000000p03',
  launchPermissions: [{ userId: '999999999999' }],
});

checkTable('public-sharing', {
  defaults: { trustedAccounts: ['organization'], checkSnapshots: false, requireBlockPublicAccess: false },
  valid: [
    { name: 'private and unshared', inventory: { images: [privateImage] }, resource: privateImage.imageId },
    {
      name: 'public, with allowPublic',
      inventory: { images: [publicImage] },
      check: { allowPublic: true },
      resource: publicImage.imageId,
    },
  ],
  invalid: [
    {
      name: 'public',
      inventory: { images: [publicImage] },
      resource: publicImage.imageId,
      message: /public/,
    },
    {
      name: 'shared with an account outside the organization',
      inventory: { images: [sharedOut] },
      resource: sharedOut.imageId,
      evidence: { untrustedPrincipals: [{ userId: '999999999999' }] },
    },
  ],
});

const unencrypted = image({
  imageId: 'ami-00000000000000m01',
  blockDevices: [{ deviceName: '/dev/sdb', snapshotId: 'snap-m01', volumeSize: 8, encrypted: false }],
});

checkTable('match', {
  defaults: { when: [{ key: 'blockDevices.*.encrypted', op: 'eq', value: false }] },
  valid: [
    { name: 'every volume encrypted', inventory: { images: [privateImage] }, resource: privateImage.imageId },
  ],
  invalid: [
    {
      name: 'one volume unencrypted',
      inventory: { images: [unencrypted] },
      resource: unencrypted.imageId,
      evidence: { conditions: [{ key: 'blockDevices.*.encrypted', op: 'eq' }] },
    },
  ],
});
