import {
  DescribeImageAttributeCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeLaunchTemplateVersionsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { collectImages } from '../../src/collect/collectors/images.js';
import { collectInstances } from '../../src/collect/collectors/instances.js';
import { collectLaunchPermissions } from '../../src/collect/collectors/launch-permissions.js';
import { collectLaunchTemplates } from '../../src/collect/collectors/launch-templates.js';
import { LaunchTemplateIndex } from '../../src/collect/launch-template-index.js';
import { collectorsFor } from '../../src/collect/plan.js';
import { parseRegions, planRegions } from '../../src/collect/regions.js';
import { runSegment } from '../../src/collect/segment.js';
import type { ImageRecord, UsageRecord } from '../../src/inventory/schema.js';
import { fakeSegment } from './helpers.js';

const ec2 = mockClient(EC2Client);
const awsError = (name: string) => Object.assign(new Error(`${name} happened`), { name, $metadata: {} });

describe('images collector', () => {
  beforeEach(() => ec2.reset());

  it('follows NextToken across pages and maps every field', async () => {
    ec2
      .on(DescribeImagesCommand)
      .resolvesOnce({
        Images: [
          {
            ImageId: 'ami-1',
            Name: 'web',
            CreationDate: '2025-01-01T00:00:00.000Z',
            Public: true,
            State: 'available',
            Tags: [{ Key: 'Team', Value: 'web' }],
            BlockDeviceMappings: [
              { DeviceName: '/dev/xvda', Ebs: { SnapshotId: 'snap-1', VolumeSize: 8, Encrypted: false } },
            ],
            LastLaunchedTime: '2025-05-01T00:00:00.000Z',
            DeregistrationProtection: 'enabled',
            SourceImageId: 'ami-0',
            ProductCodes: [{ ProductCodeId: 'pc', ProductCodeType: 'marketplace' }],
          },
        ],
        NextToken: 'next',
      })
      .resolvesOnce({ Images: [{ ImageId: 'ami-2', Public: false }] });
    const seg = fakeSegment('images');
    const images = await collectImages(seg);
    expect(images.map((i) => i.imageId)).toEqual(['ami-1', 'ami-2']);
    expect(images[0]).toEqual({
      kind: 'image',
      account: '222222222222',
      region: 'us-east-1',
      imageId: 'ami-1',
      name: 'web',
      creationDate: '2025-01-01T00:00:00.000Z',
      public: true,
      state: 'available',
      tags: { Team: 'web' },
      blockDevices: [{ deviceName: '/dev/xvda', snapshotId: 'snap-1', volumeSize: 8, encrypted: false }],
      lastLaunchedTime: '2025-05-01T00:00:00.000Z',
      deregistrationProtection: 'enabled',
      sourceImageId: 'ami-0',
      productCodes: ['pc'],
    });
    expect(images[1]).toEqual({
      kind: 'image',
      account: '222222222222',
      region: 'us-east-1',
      imageId: 'ami-2',
      public: false,
      tags: {},
      blockDevices: [],
    });
    const inputs = ec2.commandCalls(DescribeImagesCommand).map((c) => c.args[0].input);
    expect(inputs[0]).toEqual({
      Owners: ['self'],
      IncludeDeprecated: true,
      IncludeDisabled: true,
      MaxResults: 1000,
    });
    expect(inputs[1].NextToken).toBe('next');
    expect(seg.calls).toBe(2);
  });
});

describe('segment status mapping', () => {
  beforeEach(() => ec2.reset());

  it.each([
    ['UnauthorizedOperation', 'access-denied'],
    ['OptInRequired', 'region-disabled'],
    ['RequestLimitExceeded', 'throttled'],
    ['InternalError', 'error'],
  ])('%s from the API → %s segment', async (code, status) => {
    ec2.on(DescribeImagesCommand).rejects(awsError(code));
    const rec = await runSegment(fakeSegment('images'), async (s) => void (await collectImages(s)));
    expect(rec).toMatchObject({
      kind: 'segment',
      collector: 'images',
      status,
      calls: 1,
      error: expect.stringContaining(code),
    });
  });
});

describe('launch-permissions collector', () => {
  beforeEach(() => ec2.reset());

  const image = (imageId: string, state = 'available'): ImageRecord => ({
    kind: 'image' as const,
    account: '222222222222',
    region: 'us-east-1',
    imageId,
    state,
    public: false,
    tags: {},
    blockDevices: [],
  });

  it('calls once per non-disabled AMI and maps every principal kind', async () => {
    ec2.on(DescribeImageAttributeCommand, { ImageId: 'ami-1' }).resolves({
      LaunchPermissions: [
        { Group: 'all' },
        { UserId: '333333333333' },
        { OrganizationArn: 'arn:aws:organizations::1:organization/o-x' },
        { OrganizationalUnitArn: 'arn:aws:organizations::1:ou/o-x/ou-y' },
      ],
    });
    ec2.on(DescribeImageAttributeCommand, { ImageId: 'ami-2' }).rejects(awsError('InvalidAMIID.NotFound'));
    const images = [image('ami-1'), image('ami-2'), image('ami-3', 'disabled')];
    await collectLaunchPermissions(fakeSegment('launch-permissions'), images);
    expect(images[0].launchPermissions).toEqual([
      { group: 'all' },
      { userId: '333333333333' },
      { organizationArn: 'arn:aws:organizations::1:organization/o-x' },
      { organizationalUnitArn: 'arn:aws:organizations::1:ou/o-x/ou-y' },
    ]);
    expect(images[1].launchPermissions).toEqual([]);
    expect(images[2].launchPermissions).toEqual([]);
    expect(ec2.commandCalls(DescribeImageAttributeCommand)).toHaveLength(2);
  });

  it('throttling that outlasts the retries fails the segment as throttled and leaves data absent', async () => {
    ec2.on(DescribeImageAttributeCommand).rejects(awsError('RequestLimitExceeded'));
    const images = [image('ami-1'), image('ami-2')];
    const rec = await runSegment(fakeSegment('launch-permissions'), (s) =>
      collectLaunchPermissions(s, images),
    );
    expect(rec.status).toBe('throttled');
    expect(images.every((i) => i.launchPermissions === undefined)).toBe(true);
  });
});

describe('instances collector', () => {
  beforeEach(() => ec2.reset());

  it('filters out terminated instances server-side and paginates', async () => {
    ec2
      .on(DescribeInstancesCommand)
      .resolvesOnce({
        Reservations: [{ Instances: [{ InstanceId: 'i-1', ImageId: 'ami-1', State: { Name: 'running' } }] }],
        NextToken: 'n',
      })
      .resolvesOnce({
        Reservations: [{ Instances: [{ InstanceId: 'i-2', ImageId: 'ami-2', State: { Name: 'stopped' } }] }],
      });
    const out: UsageRecord[] = [];
    await collectInstances(fakeSegment('instances'), (r) => out.push(r));
    expect(out.map((u) => [u.refId, u.imageId, u.detail])).toEqual([
      ['i-1', 'ami-1', 'running'],
      ['i-2', 'ami-2', 'stopped'],
    ]);
    const input = ec2.commandCalls(DescribeInstancesCommand)[0].args[0].input;
    expect(input.Filters?.[0].Values).not.toContain('terminated');
    expect(input.MaxResults).toBe(1000);
  });
});

describe('launch-templates collector', () => {
  beforeEach(() => ec2.reset());
  const version = (n: number, imageId: string) => ({
    LaunchTemplateId: 'lt-1',
    LaunchTemplateName: 'workers',
    VersionNumber: n,
    DefaultVersion: n === 1,
    LaunchTemplateData: { ImageId: imageId },
  });

  it('resolves an SSM alias per version and records the AMI it names', async () => {
    ec2
      .on(DescribeLaunchTemplateVersionsCommand, { Versions: ['$Latest', '$Default'] })
      .resolves({ LaunchTemplateVersions: [version(1, 'ami-1'), version(2, 'resolve:ssm:/golden/latest')] })
      .on(DescribeLaunchTemplateVersionsCommand, { LaunchTemplateId: 'lt-1', Versions: ['2'] })
      .resolves({ LaunchTemplateVersions: [version(2, 'ami-2')] });
    const out: UsageRecord[] = [];
    const seg = fakeSegment('launch-templates');
    const record = await runSegment(seg, (s) =>
      collectLaunchTemplates(s, (r) => out.push(r), new LaunchTemplateIndex()),
    );
    expect(record.status).toBe('ok');
    expect(out.map((u) => [u.refId, u.imageId])).toEqual([
      ['lt-1:v1', 'ami-1'],
      ['lt-1:v2', 'ami-2'],
    ]);
  });

  it('fails the segment when an alias cannot be resolved, after recording every other version', async () => {
    ec2
      .on(DescribeLaunchTemplateVersionsCommand, { Versions: ['$Latest', '$Default'] })
      .resolves({ LaunchTemplateVersions: [version(1, 'ami-1'), version(2, 'resolve:ssm:/golden/latest')] })
      .on(DescribeLaunchTemplateVersionsCommand, { LaunchTemplateId: 'lt-1', Versions: ['2'] })
      .resolves({ LaunchTemplateVersions: [version(2, 'resolve:ssm:/golden/latest')] });
    const out: UsageRecord[] = [];
    const seg = fakeSegment('launch-templates');
    const record = await runSegment(seg, (s) =>
      collectLaunchTemplates(s, (r) => out.push(r), new LaunchTemplateIndex()),
    );
    expect(record.status).toBe('error');
    expect(record.error).toMatch(/lt-1:v2 \(resolve:ssm:\/golden\/latest\)/);
    expect(out.map((u) => u.refId)).toEqual(['lt-1:v1']);
  });
});

describe('collectorsFor', () => {
  it.each([
    [[{ type: 'age', maxDays: 1 }], ['images']],
    [[{ type: 'naming' }], ['images']],
    [
      [{ type: 'unused' }],
      [
        'images',
        'launch-permissions',
        'instances',
        'launch-templates',
        'launch-configurations',
        'auto-scaling-groups',
      ],
    ],
    [
      [{ type: 'retention', groupBy: { tag: 'Family' }, keepLatest: 1 }],
      [
        'images',
        'launch-permissions',
        'instances',
        'launch-templates',
        'launch-configurations',
        'auto-scaling-groups',
      ],
    ],
    [[{ type: 'public-sharing' }], ['images', 'launch-permissions', 'snapshots', 'settings']],
    [
      [{ type: 'public-sharing', checkSnapshots: false, requireBlockPublicAccess: false }],
      ['images', 'launch-permissions'],
    ],
  ] as const)('%j → %j', (checks, want) => {
    expect(collectorsFor(checks as never)).toEqual(want);
  });
});

describe('regions', () => {
  it('parses all and lists', () => {
    expect(parseRegions(undefined)).toBe('all');
    expect(parseRegions(['all'])).toBe('all');
    expect(parseRegions(['us-east-1', 'eu-west-1', 'us-east-1'])).toEqual(['eu-west-1', 'us-east-1']);
  });

  it('splits requested regions into enabled and disabled; a region asked for is never silently dropped', () => {
    expect(planRegions('all', ['a', 'b'])).toEqual({ scan: ['a', 'b'], disabled: [] });
    expect(planRegions(['a', 'c'], ['a', 'b'])).toEqual({ scan: ['a'], disabled: ['c'] });
    expect(planRegions(['a', 'c'], undefined)).toEqual({ scan: ['a', 'c'], disabled: [] });
  });
});
