import type { World } from '../../src/emulator/index.js';

export const MGMT = '111111111111';
export const PROD = '222222222222';
export const DEV = '333333333333';
export const DENIED = '555555555555';
export const SUSPENDED = '666666666666';
export const BASE_CREDENTIALS = { accessKeyId: 'AKIDEMULATOR', secretAccessKey: 'x' };

const ami = (n: number) => `ami-${String(n).padStart(17, '0')}`;
export const AMI = {
  shared: ami(1),
  deprecated: ami(2),
  disabled: ami(3),
  public: ami(4),
  dev: ami(5),
  mgmt: ami(6),
  eu: ami(7),
};

/** A small org: nested OUs, a cross-account share and use, a denied account, a region DEV has not opted in to. */
export function scanWorld(): World {
  return {
    organization: {
      id: 'o-scan0000001',
      managementAccountId: MGMT,
      rootId: 'r-scan',
      ous: [
        { id: 'ou-scan-workloads', name: 'Workloads', parentId: 'r-scan' },
        { id: 'ou-scan-prod', name: 'Prod', parentId: 'ou-scan-workloads' },
        { id: 'ou-scan-dev', name: 'Dev', parentId: 'ou-scan-workloads' },
      ],
    },
    regions: ['us-east-1', 'eu-west-1'],
    accounts: [
      { id: MGMT, name: 'management' },
      { id: PROD, name: 'prod', parentId: 'ou-scan-prod', snapshotBlockPublicAccess: 'block-all-sharing' },
      { id: DEV, name: 'dev', parentId: 'ou-scan-dev', regions: ['us-east-1'] },
      { id: DENIED, name: 'locked', parentId: 'ou-scan-dev' },
      { id: SUSPENDED, name: 'gone', status: 'SUSPENDED' },
    ],
    images: [
      {
        imageId: AMI.shared,
        account: PROD,
        region: 'us-east-1',
        name: 'web-1.0.0',
        creationDate: '2025-01-01T00:00:00.000Z',
        tags: { Team: 'web', Name: '<script>x</script>' },
        launchPermissions: [{ userId: DEV }],
        blockDevices: [
          { deviceName: '/dev/xvda', snapshotId: 'snap-00000000000000001', volumeSize: 8, encrypted: true },
        ],
      },
      {
        imageId: AMI.deprecated,
        account: PROD,
        region: 'us-east-1',
        name: 'web-0.9.0',
        creationDate: '2024-01-01T00:00:00.000Z',
        deprecationTime: '2025-01-01T00:00:00.000Z',
      },
      {
        imageId: AMI.disabled,
        account: PROD,
        region: 'us-east-1',
        name: 'web-0.8.0',
        creationDate: '2023-01-01T00:00:00.000Z',
        state: 'disabled',
      },
      {
        imageId: AMI.public,
        account: PROD,
        region: 'us-east-1',
        name: 'open',
        creationDate: '2025-06-01T00:00:00.000Z',
        public: true,
      },
      {
        imageId: AMI.eu,
        account: PROD,
        region: 'eu-west-1',
        name: 'eu-image',
        creationDate: '2025-06-01T00:00:00.000Z',
      },
      {
        imageId: AMI.dev,
        account: DEV,
        region: 'us-east-1',
        name: 'dev-image',
        creationDate: '2025-06-01T00:00:00.000Z',
      },
      {
        imageId: AMI.mgmt,
        account: MGMT,
        region: 'us-east-1',
        name: 'mgmt-image',
        creationDate: '2025-06-01T00:00:00.000Z',
      },
    ],
    snapshots: [
      {
        snapshotId: 'snap-00000000000000001',
        account: PROD,
        region: 'us-east-1',
        volumeSize: 8,
        createVolumePermissions: [{ group: 'all' }],
      },
    ],
    instances: [
      {
        instanceId: 'i-00000000000000001',
        account: DEV,
        region: 'us-east-1',
        imageId: AMI.shared,
        state: 'running',
      },
      {
        instanceId: 'i-00000000000000002',
        account: PROD,
        region: 'us-east-1',
        imageId: AMI.dev,
        state: 'terminated',
      },
    ],
    launchTemplates: [
      {
        launchTemplateId: 'lt-00000000000000001',
        name: 'web',
        account: PROD,
        region: 'us-east-1',
        defaultVersion: 1,
        versions: [
          { number: 1, imageId: AMI.deprecated },
          { number: 2, imageId: AMI.shared },
          { number: 3, imageId: AMI.public },
        ],
      },
      {
        launchTemplateId: 'lt-00000000000000002',
        name: 'worker',
        account: PROD,
        region: 'us-east-1',
        versions: [{ number: 1, imageId: AMI.mgmt }],
      },
    ],
    launchConfigurations: [{ name: 'legacy-lc', account: PROD, region: 'us-east-1', imageId: AMI.disabled }],
    autoScalingGroups: [
      { name: 'legacy', account: PROD, region: 'us-east-1', launchConfigurationName: 'legacy-lc' },
      {
        name: 'pinned',
        account: PROD,
        region: 'us-east-1',
        launchTemplate: { launchTemplateId: 'lt-00000000000000001', version: '2' },
      },
      {
        name: 'mixed',
        account: PROD,
        region: 'us-east-1',
        mixedInstancesPolicy: {
          launchTemplate: {
            launchTemplateSpecification: { launchTemplateId: 'lt-00000000000000001', version: '$Default' },
            overrides: [
              { instanceType: 'm5.large' },
              {
                instanceType: 'c5.large',
                launchTemplateSpecification: { launchTemplateName: 'worker', version: '$Latest' },
              },
            ],
          },
        },
      },
    ],
    faults: { assumeRoleDenied: [DENIED] },
  };
}
