import type { World } from '../../src/emulator/index.js';
import { DEV, FOREIGN, MGMT, orgArn, ouArn, PROD, REGIONS, VENDOR } from '../support/organization.js';
import { account, launchTemplate, mixedGroup, organization, ouId, workerOverride } from '../support/world.js';

/** A small world with a management account, two workload accounts and an outside vendor. */
export function smallWorld(): World {
  return {
    organization: organization('o-test000001', 'test'),
    regions: [...REGIONS],
    accounts: [
      account(MGMT),
      account(PROD, { parentId: ouId('test', 'prod'), regions: ['us-east-1', 'eu-west-1', 'af-south-1'] }),
      account(DEV, { parentId: ouId('test', 'dev'), regions: ['us-east-1'], externalId: 'secret-ext' }),
      account(VENDOR, { member: false }),
    ],
    images: [
      {
        imageId: 'ami-00000000000000001',
        account: PROD,
        region: 'us-east-1',
        name: 'web-1.0.0',
        creationDate: '2025-01-01T00:00:00.000Z',
        tags: { Team: 'web' },
        launchPermissions: [{ userId: DEV }, { organizationArn: orgArn('o-foreign', FOREIGN) }],
      },
      {
        imageId: 'ami-00000000000000002',
        account: PROD,
        region: 'us-east-1',
        name: 'web-0.9.0',
        creationDate: '2024-01-01T00:00:00.000Z',
        deprecationTime: '2025-01-01T00:00:00.000Z',
      },
      {
        imageId: 'ami-00000000000000003',
        account: PROD,
        region: 'us-east-1',
        name: 'web-0.8.0',
        creationDate: '2023-01-01T00:00:00.000Z',
        state: 'disabled',
      },
      {
        imageId: 'ami-00000000000000004',
        account: PROD,
        region: 'us-east-1',
        name: 'protected',
        creationDate: '2025-06-01T00:00:00.000Z',
        deregistrationProtection: true,
        public: true,
      },
      {
        imageId: 'ami-00000000000000005',
        account: DEV,
        region: 'us-east-1',
        name: 'dev-image',
        creationDate: '2025-06-01',
        launchPermissions: [{ organizationalUnitArn: ouArn('o-test000001', ouId('test', 'workloads')) }],
      },
      {
        imageId: 'ami-00000000000000006',
        account: MGMT,
        region: 'us-east-1',
        name: 'mgmt-image',
        creationDate: '2025-06-01',
      },
    ],
    instances: [
      {
        instanceId: 'i-0000000000000001',
        account: DEV,
        region: 'us-east-1',
        imageId: 'ami-00000000000000001',
      },
    ],
    launchTemplates: [
      launchTemplate(1, 'web', PROD, ['ami-00000000000000002', 'ami-00000000000000001'], 1),
      launchTemplate(2, 'worker', PROD, ['ami-00000000000000004']),
    ],
    launchConfigurations: [
      { name: 'legacy-lc', account: PROD, region: 'us-east-1', imageId: 'ami-00000000000000003' },
    ],
    autoScalingGroups: [
      { name: 'legacy', account: PROD, region: 'us-east-1', launchConfigurationName: 'legacy-lc' },
      mixedGroup(PROD, [{ instanceType: 'm5.large' }, workerOverride('$Latest')]),
    ],
    faults: { assumeRoleDenied: [] },
  };
}
