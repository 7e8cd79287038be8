import type { World } from '../../src/emulator/index.js';
import { DENIED, DEV, MGMT, PROD, REGIONS, SUSPENDED } from '../support/organization.js';
import {
  account,
  ami,
  launchTemplate,
  lt,
  mixedGroup,
  organization,
  ouId,
  workerOverride,
} from '../support/world.js';

/** The images of the scan world by role. */
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
    organization: organization('o-scan0000001', 'scan'),
    regions: [...REGIONS],
    accounts: [
      account(MGMT),
      account(PROD, { parentId: ouId('scan', 'prod'), snapshotBlockPublicAccess: 'block-all-sharing' }),
      account(DEV, { parentId: ouId('scan', 'dev'), regions: ['us-east-1'] }),
      { id: DENIED, name: 'locked', parentId: ouId('scan', 'dev') },
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
      launchTemplate(1, 'web', PROD, [AMI.deprecated, AMI.shared, AMI.public], 1),
      launchTemplate(2, 'worker', PROD, [AMI.mgmt]),
    ],
    launchConfigurations: [{ name: 'legacy-lc', account: PROD, region: 'us-east-1', imageId: AMI.disabled }],
    autoScalingGroups: [
      { name: 'legacy', account: PROD, region: 'us-east-1', launchConfigurationName: 'legacy-lc' },
      {
        name: 'pinned',
        account: PROD,
        region: 'us-east-1',
        launchTemplate: { launchTemplateId: lt(1), version: '2' },
      },
      mixedGroup(PROD, [{ instanceType: 'm5.large' }, workerOverride('$Latest')]),
    ],
    faults: { assumeRoleDenied: [DENIED] },
  };
}
