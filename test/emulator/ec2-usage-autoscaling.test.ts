import {
  DescribeAutoScalingGroupsCommand,
  DescribeLaunchConfigurationsCommand,
  paginateDescribeAutoScalingGroups,
} from '@aws-sdk/client-auto-scaling';
import {
  DeleteSnapshotCommand,
  DescribeInstancesCommand,
  DescribeLaunchTemplatesCommand,
  DescribeLaunchTemplateVersionsCommand,
  DescribeSnapshotAttributeCommand,
  DescribeSnapshotsCommand,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { generateWorld } from '../../src/emulator/index.js';
import { autoscaling, ec2 } from '../support/clients.js';
import { useEmulator, withEmulator } from '../support/emulator.js';
import { DEV, PROD } from '../support/organization.js';
import { smallWorld } from './fixtures.js';

// 'AKID' + 12 digits acts as that account directly, which keeps these tests free of AssumeRole plumbing.
const as = (account: string) => ({ accessKeyId: `AKID${account}`, secretAccessKey: 'x' });

const emu = useEmulator(() => {
  const world = smallWorld();
  world.snapshots = [
    {
      snapshotId: 'snap-0000000000000public',
      account: PROD,
      region: 'us-east-1',
      createVolumePermissions: [{ group: 'all' }],
    },
  ];
  world.launchTemplates?.push({
    launchTemplateId: 'lt-000000000000000a1',
    name: 'aliased',
    account: DEV,
    region: 'us-east-1',
    defaultVersion: 1,
    versions: [
      { number: 1, imageId: 'resolve:ssm:/golden/latest' },
      { number: 2, imageId: 'resolve:ssm:/nowhere' },
    ],
  });
  world.ssmParameters = [
    { account: DEV, region: 'us-east-1', name: '/golden/latest', value: 'ami-00000000000000002' },
  ];
  return { world };
});

describe('SSM parameter aliases in launch templates', () => {
  it.each([
    [false, ['resolve:ssm:/golden/latest', 'resolve:ssm:/nowhere']],
    [true, ['ami-00000000000000002', 'resolve:ssm:/nowhere']],
  ])('ResolveAlias=%s', async (resolve, expected) => {
    const out = await ec2(emu.url, as(DEV)).send(
      new DescribeLaunchTemplateVersionsCommand({
        LaunchTemplateId: 'lt-000000000000000a1',
        ResolveAlias: resolve,
      }),
    );
    const byVersion = (out.LaunchTemplateVersions ?? []).sort(
      (a, b) => (a.VersionNumber ?? 0) - (b.VersionNumber ?? 0),
    );
    expect(byVersion.map((v) => v.LaunchTemplateData?.ImageId)).toEqual(expected);
  });
});

describe('launch templates', () => {
  it.each([
    [
      ['$Latest'],
      [
        ['lt-00000000000000001', 2, 'ami-00000000000000001'],
        ['lt-00000000000000002', 1, 'ami-00000000000000004'],
      ],
    ],
    [
      ['$Default'],
      [
        ['lt-00000000000000001', 1, 'ami-00000000000000002'],
        ['lt-00000000000000002', 1, 'ami-00000000000000004'],
      ],
    ],
    [
      ['$Latest', '$Default'],
      [
        ['lt-00000000000000001', 2, 'ami-00000000000000001'],
        ['lt-00000000000000001', 1, 'ami-00000000000000002'],
        ['lt-00000000000000002', 1, 'ami-00000000000000004'],
      ],
    ],
  ])('Versions %j across all templates', async (versions, expected) => {
    const out = await ec2(emu.url, as(PROD)).send(
      new DescribeLaunchTemplateVersionsCommand({ Versions: versions }),
    );
    expect(
      out.LaunchTemplateVersions?.map((v) => [
        v.LaunchTemplateId,
        v.VersionNumber,
        v.LaunchTemplateData?.ImageId,
      ]),
    ).toEqual(expected);
  });

  it('every version of one template, newest first', async () => {
    const out = await ec2(emu.url, as(PROD)).send(
      new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: 'lt-00000000000000001' }),
    );
    expect(out.LaunchTemplateVersions?.map((v) => [v.VersionNumber, v.DefaultVersion])).toEqual([
      [2, false],
      [1, true],
    ]);
  });

  it('DescribeLaunchTemplates reports default and latest', async () => {
    const out = await ec2(emu.url, as(PROD)).send(new DescribeLaunchTemplatesCommand({}));
    expect(
      out.LaunchTemplates?.map((t) => [t.LaunchTemplateName, t.DefaultVersionNumber, t.LatestVersionNumber]),
    ).toEqual([
      ['web', 1, 2],
      ['worker', 1, 1],
    ]);
  });

  it('an unknown template id is InvalidLaunchTemplateId.NotFound', async () => {
    await expect(
      ec2(emu.url, as(PROD)).send(
        new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: 'lt-0ffffffffffffffff' }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidLaunchTemplateId.NotFound' });
  });
});

describe('instances', () => {
  it('lists the cross-account instance in its own account only', async () => {
    const out = await ec2(emu.url, as(DEV)).send(
      new DescribeInstancesCommand({
        Filters: [{ Name: 'instance-state-name', Values: ['running'] }],
        MaxResults: 5,
      }),
    );
    expect(
      out.Reservations?.flatMap((r) => r.Instances?.map((i) => [i.InstanceId, i.ImageId, i.State?.Name])),
    ).toEqual([['i-0000000000000001', 'ami-00000000000000001', 'running']]);
    const prod = await ec2(emu.url, as(PROD)).send(new DescribeInstancesCommand({ MaxResults: 5 }));
    expect(prod.Reservations).toEqual([]);
  });
});

describe('Auto Scaling', () => {
  it('returns launch configuration and mixed-instances groups', async () => {
    const out = await autoscaling(emu.url, as(PROD)).send(new DescribeAutoScalingGroupsCommand({}));
    const byName = Object.fromEntries((out.AutoScalingGroups ?? []).map((g) => [g.AutoScalingGroupName, g]));
    expect(byName.legacy.LaunchConfigurationName).toBe('legacy-lc');
    expect(byName.mixed.MixedInstancesPolicy?.LaunchTemplate).toEqual({
      LaunchTemplateSpecification: { LaunchTemplateId: 'lt-00000000000000001', Version: '$Default' },
      Overrides: [
        { InstanceType: 'm5.large' },
        {
          InstanceType: 'c5.large',
          LaunchTemplateSpecification: { LaunchTemplateName: 'worker', Version: '$Latest' },
        },
      ],
    });
    const lcs = await autoscaling(emu.url, as(PROD)).send(new DescribeLaunchConfigurationsCommand({}));
    expect(lcs.LaunchConfigurations?.map((c) => [c.LaunchConfigurationName, c.ImageId])).toEqual([
      ['legacy-lc', 'ami-00000000000000003'],
    ]);
  });

  it('paginates groups with NextToken', async () => {
    const world = generateWorld({ accounts: 1, regions: 3, imagesPerRegion: 2, seed: 3 });
    // One account with three ASGs, all moved into us-east-1 so one call pages through them.
    for (const g of world.autoScalingGroups ?? []) g.region = 'us-east-1';
    for (const lt of world.launchTemplates ?? []) lt.region = 'us-east-1';
    await withEmulator({ world }, async (gen) => {
      const names: string[] = [];
      let pages = 0;
      for await (const page of paginateDescribeAutoScalingGroups(
        { client: autoscaling(gen.url), pageSize: 2 },
        {},
      )) {
        pages++;
        names.push(...(page.AutoScalingGroups ?? []).map((g) => g.AutoScalingGroupName!));
      }
      expect(pages).toBe(2);
      expect(names).toHaveLength(3);
    });
  });
});

describe('snapshots', () => {
  it('lists owned snapshots, including the ones generated for AMIs', async () => {
    const out = await ec2(emu.url, as(PROD)).send(
      new DescribeSnapshotsCommand({ OwnerIds: ['self'], MaxResults: 1000 }),
    );
    const expected = emu.state.snapshots
      .list({ account: PROD, region: 'us-east-1' })
      .map((s) => s.snapshotId);
    expect(out.Snapshots?.map((s) => s.SnapshotId).sort()).toEqual(expected.sort());
    expect(expected.length).toBeGreaterThan(4);
  });

  it('reports a publicly restorable snapshot', async () => {
    const out = await ec2(emu.url, as(PROD)).send(
      new DescribeSnapshotAttributeCommand({
        SnapshotId: 'snap-0000000000000public',
        Attribute: 'createVolumePermission',
      }),
    );
    expect(out.CreateVolumePermissions).toEqual([{ Group: 'all' }]);
  });

  it('refuses to delete a snapshot an image uses', async () => {
    const snap = emu.state.images.get('ami-00000000000000001')!.blockDevices[0].snapshotId!;
    await expect(
      ec2(emu.url, as(PROD)).send(new DeleteSnapshotCommand({ SnapshotId: snap })),
    ).rejects.toMatchObject({
      name: 'InvalidSnapshot.InUse',
    });
  });
});
