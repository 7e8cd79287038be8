import {
  AutoScalingClient,
  DescribeAutoScalingGroupsCommand,
  DescribeLaunchConfigurationsCommand,
} from '@aws-sdk/client-auto-scaling';
import {
  DescribeInstancesCommand,
  DescribeLaunchTemplateVersionsCommand,
  DescribeRegionsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { regionChecker } from '../../src/remediate/regions.js';
import { findUsage } from '../../src/remediate/usage.js';

const ec2 = mockClient(EC2Client);
const asg = mockClient(AutoScalingClient);
const AMI = 'ami-00000000000000001';
const ALIAS = 'resolve:ssm:/golden/al2023/latest';

beforeEach(() => {
  ec2.reset();
  asg.reset();
  ec2.on(DescribeInstancesCommand).resolves({ Reservations: [] });
  asg.on(DescribeLaunchConfigurationsCommand).resolves({ LaunchConfigurations: [] });
  asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [] });
  ec2.on(DescribeLaunchTemplateVersionsCommand).resolves({
    LaunchTemplateVersions: [
      {
        LaunchTemplateId: 'lt-1',
        LaunchTemplateName: 'dev-workers',
        VersionNumber: 2,
        LaunchTemplateData: { ImageId: ALIAS },
      },
    ],
  });
});

function resolvesTo(imageId: string | undefined) {
  ec2
    .on(DescribeLaunchTemplateVersionsCommand, {
      LaunchTemplateId: 'lt-1',
      Versions: ['2'],
      ResolveAlias: true,
    })
    .resolves({
      LaunchTemplateVersions: [
        { LaunchTemplateId: 'lt-1', VersionNumber: 2, LaunchTemplateData: { ImageId: imageId } },
      ],
    });
}

const run = () =>
  findUsage(new EC2Client({ region: 'us-east-1' }), new AutoScalingClient({ region: 'us-east-1' }), AMI);

describe('findUsage with SSM aliases in launch templates', () => {
  it('resolves the alias per version (ResolveAlias=true): this AMI is a certain use', async () => {
    resolvesTo(AMI);
    expect(await run()).toEqual({ certain: true, what: `launch template lt-1 version 2 (${ALIAS})` });
    const resolveCalls = ec2
      .commandCalls(DescribeLaunchTemplateVersionsCommand)
      .filter((c) => c.args[0].input.ResolveAlias === true);
    expect(resolveCalls.map((c) => c.args[0].input.Versions)).toEqual([['2']]);
  });

  it('an alias that resolves to another AMI is no use', async () => {
    resolvesTo('ami-0000000000000009');
    expect(await run()).toBeUndefined();
  });

  it.each([
    ['answers with the alias again', () => resolvesTo(ALIAS)],
    [
      'fails',
      () =>
        ec2
          .on(DescribeLaunchTemplateVersionsCommand, { ResolveAlias: true })
          .rejects(new Error('ParameterNotFound')),
    ],
  ])('an alias that cannot be resolved (the call %s) is doubt, not proof', async (_what, setup) => {
    setup();
    expect(await run()).toEqual({
      certain: false,
      what: `launch template lt-1 version 2 uses ${ALIAS}, which could not be resolved`,
    });
  });

  it('a certain use elsewhere wins over an unresolved alias', async () => {
    resolvesTo(ALIAS);
    asg
      .on(DescribeLaunchConfigurationsCommand)
      .resolves({ LaunchConfigurations: [{ LaunchConfigurationName: 'lc-1', ImageId: AMI } as never] });
    expect(await run()).toEqual({ certain: true, what: 'launch configuration lc-1' });
  });
});

describe('regionChecker', () => {
  it('reads DescribeRegions once per account in the home region and answers per region', async () => {
    ec2.on(DescribeRegionsCommand).resolves({
      Regions: [
        { RegionName: 'us-east-1', OptInStatus: 'opt-in-not-required' },
        { RegionName: 'eu-south-1', OptInStatus: 'not-opted-in' },
      ],
    });
    const homes: string[] = [];
    const client = new EC2Client({ region: 'us-east-1' });
    const check = regionChecker({
      region: 'us-east-1',
      ec2: (_a, r) => {
        homes.push(r);
        return client;
      },
      autoScaling: () => new AutoScalingClient({ region: 'us-east-1' }),
    });
    expect(await check('555555555555', 'us-east-1')).toBe(true);
    expect(await check('555555555555', 'eu-south-1')).toBe(false);
    expect(ec2.commandCalls(DescribeRegionsCommand)).toHaveLength(1);
    expect(homes).toEqual(['us-east-1']);
  });

  it('an unreadable DescribeRegions is unknown (undefined), never "not enabled"', async () => {
    ec2.on(DescribeRegionsCommand).rejects(new Error('AccessDenied'));
    const check = regionChecker({
      ec2: () => new EC2Client({ region: 'us-east-1' }),
      autoScaling: () => new AutoScalingClient({ region: 'us-east-1' }),
    });
    expect(await check('555555555555', 'eu-west-1')).toBeUndefined();
  });
});
