import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { EC2Client } from '@aws-sdk/client-ec2';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { STSClient } from '@aws-sdk/client-sts';
import type { World } from '../../src/emulator/index.js';

export const MGMT = '111111111111';
export const PROD = '222222222222';
export const DEV = '333333333333';
export const VENDOR = '444444444444';
export const ORG_ARN = `arn:aws:organizations::${MGMT}:organization/o-test000001`;

export const BASE_CREDENTIALS = { accessKeyId: 'AKIDEMULATOR', secretAccessKey: 'x' };

type Creds = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

/** SDK client config pointing at the emulator. */
export function config(url: string, credentials: Creds = BASE_CREDENTIALS, region = 'us-east-1') {
  return { endpoint: url, region, credentials, maxAttempts: 1 };
}

export const ec2 = (url: string, creds?: Creds, region?: string) => new EC2Client(config(url, creds, region));
export const sts = (url: string, creds?: Creds) => new STSClient(config(url, creds));
export const orgs = (url: string, creds?: Creds) => new OrganizationsClient(config(url, creds));
export const autoscaling = (url: string, creds?: Creds, region?: string) =>
  new AutoScalingClient(config(url, creds, region));

/** A small world with a management account, two workload accounts and an outside vendor. */
export function smallWorld(): World {
  return {
    organization: {
      id: 'o-test000001',
      managementAccountId: MGMT,
      rootId: 'r-test',
      ous: [
        { id: 'ou-test-workloads', name: 'Workloads', parentId: 'r-test' },
        { id: 'ou-test-prod', name: 'Prod', parentId: 'ou-test-workloads' },
        { id: 'ou-test-dev', name: 'Dev', parentId: 'ou-test-workloads' },
      ],
    },
    regions: ['us-east-1', 'eu-west-1'],
    accounts: [
      { id: MGMT, name: 'management' },
      { id: PROD, name: 'prod', parentId: 'ou-test-prod', regions: ['us-east-1', 'eu-west-1', 'af-south-1'] },
      { id: DEV, name: 'dev', parentId: 'ou-test-dev', regions: ['us-east-1'], externalId: 'secret-ext' },
      { id: VENDOR, name: 'vendor', member: false },
    ],
    images: [
      {
        imageId: 'ami-00000000000000001',
        account: PROD,
        region: 'us-east-1',
        name: 'web-1.0.0',
        creationDate: '2025-01-01T00:00:00.000Z',
        tags: { Team: 'web' },
        launchPermissions: [
          { userId: DEV },
          { organizationArn: 'arn:aws:organizations::999999999999:organization/o-foreign' },
        ],
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
        launchPermissions: [
          { organizationalUnitArn: `arn:aws:organizations::${MGMT}:ou/o-test000001/ou-test-workloads` },
        ],
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
      {
        launchTemplateId: 'lt-00000000000000001',
        name: 'web',
        account: PROD,
        region: 'us-east-1',
        defaultVersion: 1,
        versions: [
          { number: 1, imageId: 'ami-00000000000000002' },
          { number: 2, imageId: 'ami-00000000000000001' },
        ],
      },
      {
        launchTemplateId: 'lt-00000000000000002',
        name: 'worker',
        account: PROD,
        region: 'us-east-1',
        versions: [{ number: 1, imageId: 'ami-00000000000000004' }],
      },
    ],
    launchConfigurations: [
      { name: 'legacy-lc', account: PROD, region: 'us-east-1', imageId: 'ami-00000000000000003' },
    ],
    autoScalingGroups: [
      { name: 'legacy', account: PROD, region: 'us-east-1', launchConfigurationName: 'legacy-lc' },
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
    faults: { assumeRoleDenied: [] },
  };
}
