import type { World } from '../../src/emulator/index.js';
import type { Finding } from '../../src/findings/model.js';
import { DEV, MGMT, PROD, REGION as R, VENDOR } from '../support/organization.js';
import { account, ami, launchTemplate, mixedGroup, organization, workerOverride } from '../support/world.js';
import { imageResource } from './helpers.js';

/** Images in PROD us-east-1, one per scenario. */
export function remediationWorld(): World {
  const img = (n: number, extra: Record<string, unknown> = {}) => ({
    imageId: ami(n),
    account: PROD,
    region: R,
    name: `app-${n}`,
    creationDate: '2024-01-01T00:00:00.000Z',
    ...extra,
  });
  return {
    organization: organization('o-test000001', 'test', []),
    regions: [R],
    accounts: [
      account(MGMT),
      account(PROD, { imageBlockPublicAccess: 'unblocked' }),
      account(DEV),
      account(VENDOR, { member: false }),
    ],
    images: [
      img(1, { public: true, launchPermissions: [{ group: 'all' }, { userId: DEV }, { userId: VENDOR }] }),
      img(2, { launchPermissions: [{ userId: DEV }] }),
      img(3),
      img(4, {
        blockDevices: [{ deviceName: '/dev/xvda', snapshotId: 'snap-0000000000000004', volumeSize: 8 }],
      }),
      img(5, { deregistrationProtection: true }),
      img(6, { tags: { 'amiaudit:hold': 'legal' } }),
      img(7, { launchPermissions: [{ userId: DEV }] }),
      img(8, { tags: { owner: 'web' } }),
      img(9, { tags: { 'aws:dlm:lifecycle-policy-id': 'policy-1' } }),
      img(10),
      img(11),
      img(12),
      img(13),
      img(14),
      img(15),
    ],
    launchTemplates: [
      // $Default = v1 (ami 12), $Latest = v2 (ami 13)
      launchTemplate(1, 'web', PROD, [ami(12), ami(13)], 1),
      // v1 (ami 15) is neither $Default nor $Latest: only an ASG override pins it.
      launchTemplate(2, 'worker', PROD, [ami(15), ami(11)]),
    ],
    launchConfigurations: [{ name: 'legacy-lc', account: PROD, region: R, imageId: ami(14) }],
    autoScalingGroups: [mixedGroup(PROD, [workerOverride('1')])],
    snapshots: [{ snapshotId: 'snap-0000000000000004', account: PROD, region: R, volumeSize: 8 }],
    // Terminated instances: they never count as use, and give the tests an instance list to add to.
    instances: [
      { instanceId: 'i-0000000000000001', account: DEV, region: R, imageId: ami(7), state: 'terminated' },
      { instanceId: 'i-0000000000000002', account: PROD, region: R, imageId: ami(3), state: 'terminated' },
    ],
  };
}

/** A hand-built finding on an image of the world. */
export function finding(
  n: number,
  action: string,
  params: Record<string, unknown> = {},
  evidence: Record<string, unknown> = {},
): Finding {
  return {
    id: `fp-${n}-${action}`,
    ruleId: `rule-${action}`,
    severity: 'high',
    status: 'open',
    resource: imageResource(ami(n), PROD, `app-${n}`, R),
    message: 'm',
    evidence: { creationDate: '2024-01-01T00:00:00.000Z', ...evidence },
    remediation: { action, params },
  };
}

/** The block-public-access finding of PROD/us-east-1. */
export function bpaFinding(): Finding {
  return {
    id: 'fp-bpa',
    ruleId: 'rule-bpa',
    severity: 'high',
    status: 'open',
    resource: {
      type: 'account-region',
      id: `${PROD}/${R}`,
      arn: `arn:aws:ec2:${R}:${PROD}:`,
      account: PROD,
      region: R,
    },
    message: 'm',
    evidence: { imageBlockPublicAccess: 'unblocked' },
    remediation: { action: 'enable-block-public-access' },
  };
}
