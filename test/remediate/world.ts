import type { World } from '../../src/emulator/index.js';
import type { Finding } from '../../src/findings/model.js';

export const MGMT = '111111111111';
export const PROD = '222222222222';
export const DEV = '333333333333';
export const VENDOR = '444444444444';
export const R = 'us-east-1';
export const ROLE = 'AmiAuditRole';

/** ami-0…0N */
export const ami = (n: number) => `ami-${String(n).padStart(17, '0')}`;

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
    organization: { id: 'o-test000001', managementAccountId: MGMT, rootId: 'r-test', ous: [] },
    regions: [R],
    accounts: [
      { id: MGMT, name: 'management' },
      { id: PROD, name: 'prod', imageBlockPublicAccess: 'unblocked' },
      { id: DEV, name: 'dev' },
      { id: VENDOR, name: 'vendor', member: false },
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
      {
        launchTemplateId: 'lt-00000000000000001',
        name: 'web',
        account: PROD,
        region: R,
        defaultVersion: 1,
        versions: [
          { number: 1, imageId: ami(12) },
          { number: 2, imageId: ami(13) },
        ],
      },
      // v1 (ami 15) is neither $Default nor $Latest: only an ASG override pins it.
      {
        launchTemplateId: 'lt-00000000000000002',
        name: 'worker',
        account: PROD,
        region: R,
        versions: [
          { number: 1, imageId: ami(15) },
          { number: 2, imageId: ami(11) },
        ],
      },
    ],
    launchConfigurations: [{ name: 'legacy-lc', account: PROD, region: R, imageId: ami(14) }],
    autoScalingGroups: [
      {
        name: 'mixed',
        account: PROD,
        region: R,
        mixedInstancesPolicy: {
          launchTemplate: {
            launchTemplateSpecification: { launchTemplateId: 'lt-00000000000000001', version: '$Default' },
            overrides: [
              {
                instanceType: 'c5.large',
                launchTemplateSpecification: { launchTemplateName: 'worker', version: '1' },
              },
            ],
          },
        },
      },
    ],
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
    resource: {
      type: 'ec2:image',
      id: ami(n),
      arn: `arn:aws:ec2:${R}:${PROD}:image/${ami(n)}`,
      account: PROD,
      region: R,
      name: `app-${n}`,
    },
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
