import {
  CreateTagsCommand,
  DeleteTagsCommand,
  DeregisterImageCommand,
  DescribeImageAttributeCommand,
  DescribeImagesCommand,
  DisableImageCommand,
  EnableImageCommand,
  EnableImageDeprecationCommand,
  GetImageBlockPublicAccessStateCommand,
  ModifyImageAttributeCommand,
  paginateDescribeImages,
  ResetImageAttributeCommand,
} from '@aws-sdk/client-ec2';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateWorld } from '../../src/emulator/index.js';
import { assumeRole, ec2 } from '../support/clients.js';
import { useEmulator, withEmulator } from '../support/emulator.js';
import { DEV, MGMT, PROD } from '../support/organization.js';
import { smallWorld } from './fixtures.js';

const emu = useEmulator(() => ({ world: smallWorld() }));
let prod: { accessKeyId: string; secretAccessKey: string; sessionToken: string };
let dev: typeof prod;

const assume = (account: string, externalId?: string) =>
  assumeRole(emu.url, account, { sessionName: 't', externalId });

beforeAll(async () => {
  prod = await assume(PROD);
  dev = await assume(DEV, 'secret-ext');
});

const ids = (out: { Images?: { ImageId?: string }[] }) => (out.Images ?? []).map((i) => i.ImageId).sort();

describe('DescribeImages', () => {
  it.each([
    ['default hides deprecated and disabled', {}, ['ami-00000000000000001', 'ami-00000000000000004']],
    [
      'IncludeDeprecated',
      { IncludeDeprecated: true },
      ['ami-00000000000000001', 'ami-00000000000000002', 'ami-00000000000000004'],
    ],
    [
      'IncludeDisabled',
      { IncludeDisabled: true },
      ['ami-00000000000000001', 'ami-00000000000000003', 'ami-00000000000000004'],
    ],
    [
      'both',
      { IncludeDeprecated: true, IncludeDisabled: true },
      ['ami-00000000000000001', 'ami-00000000000000002', 'ami-00000000000000003', 'ami-00000000000000004'],
    ],
    ['is-public filter', { Filters: [{ Name: 'is-public', Values: ['true'] }] }, ['ami-00000000000000004']],
    [
      'name glob filter',
      { Filters: [{ Name: 'name', Values: ['web-*'] }], IncludeDeprecated: true },
      ['ami-00000000000000001', 'ami-00000000000000002'],
    ],
    ['tag filter', { Filters: [{ Name: 'tag:Team', Values: ['web'] }] }, ['ami-00000000000000001']],
  ])('owner view: %s', async (_label, input, expected) => {
    const out = await ec2(emu.url, prod).send(new DescribeImagesCommand({ Owners: ['self'], ...input }));
    expect(ids(out)).toEqual(expected);
  });

  it('an explicit ImageIds lookup shows a deprecated image', async () => {
    const out = await ec2(emu.url, prod).send(
      new DescribeImagesCommand({ ImageIds: ['ami-00000000000000002'] }),
    );
    expect(out.Images?.[0]).toMatchObject({
      ImageId: 'ami-00000000000000002',
      DeprecationTime: '2025-01-01T00:00:00.000Z',
    });
  });

  it('returns the fields the scanner reads', async () => {
    const out = await ec2(emu.url, prod).send(
      new DescribeImagesCommand({ ImageIds: ['ami-00000000000000004'] }),
    );
    expect(out.Images?.[0]).toMatchObject({
      OwnerId: PROD,
      Public: true,
      State: 'available',
      DeregistrationProtection: 'enabled',
      CreationDate: '2025-06-01T00:00:00.000Z',
      BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeSize: 8, Encrypted: false } }],
    });
    expect(out.Images?.[0].BlockDeviceMappings?.[0].Ebs?.SnapshotId).toMatch(/^snap-/);
  });

  it('shared images: ExecutableUsers self sees user, OU shares and not public ones; tags stay hidden', async () => {
    // DEV sees PROD's image shared to it by id, and its own image because that one is shared to DEV's OU.
    const out = await ec2(emu.url, dev).send(new DescribeImagesCommand({ ExecutableUsers: ['self'] }));
    expect(ids(out)).toEqual(['ami-00000000000000001', 'ami-00000000000000005']);
    expect(out.Images?.find((i) => i.ImageId === 'ami-00000000000000001')?.Tags).toBeUndefined();
    // ami-5 is DEV's own image shared to an OU containing PROD (nested under Workloads).
    const fromProd = await ec2(emu.url, prod).send(new DescribeImagesCommand({ ExecutableUsers: ['self'] }));
    expect(ids(fromProd)).toEqual(['ami-00000000000000005']);
    const all = await ec2(emu.url).send(new DescribeImagesCommand({}));
    expect(ids(all)).toEqual(['ami-00000000000000004', 'ami-00000000000000006']);
  });

  it('an image the caller cannot see is InvalidAMIID.NotFound', async () => {
    await expect(
      ec2(emu.url).send(new DescribeImagesCommand({ ImageIds: ['ami-00000000000000001'] })),
    ).rejects.toMatchObject({
      name: 'InvalidAMIID.NotFound',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('rejects MaxResults together with ImageIds', async () => {
    await expect(
      ec2(emu.url, prod).send(
        new DescribeImagesCommand({ ImageIds: ['ami-00000000000000001'], MaxResults: 5 }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterCombination' });
  });
});

describe('DescribeImages pagination', () => {
  it('pages through a generated account with the SDK paginator', async () => {
    const world = generateWorld({ accounts: 2, regions: ['us-east-1'], imagesPerRegion: 23, seed: 7 });
    await withEmulator({ world }, async (gen) => {
      const pages: number[] = [];
      const seen: string[] = [];
      const client = ec2(gen.url);
      for await (const page of paginateDescribeImages(
        { client, pageSize: 5 },
        { Owners: ['self'], IncludeDeprecated: true, IncludeDisabled: true },
      )) {
        pages.push(page.Images?.length ?? 0);
        seen.push(...(page.Images ?? []).map((i) => i.ImageId!));
      }
      expect(pages).toEqual([5, 5, 5, 5, 3]);
      expect(new Set(seen).size).toBe(23);
      expect(seen.sort()).toEqual(
        gen.state.images
          .list({ account: world.accounts[0].id as string, region: 'us-east-1' })
          .map((i) => i.imageId)
          .sort(),
      );
    });
  });
});

describe('DescribeImageAttribute', () => {
  it('returns launch permissions to the owner', async () => {
    const out = await ec2(emu.url, prod).send(
      new DescribeImageAttributeCommand({ ImageId: 'ami-00000000000000001', Attribute: 'launchPermission' }),
    );
    expect(out.LaunchPermissions).toEqual([
      { UserId: DEV },
      { OrganizationArn: 'arn:aws:organizations::999999999999:organization/o-foreign' },
    ]);
  });

  it.each([
    ['description', 'Description', undefined],
    ['deregistrationProtection', 'DeregistrationProtection', { Value: 'disabled' }],
  ] as const)('returns %s', async (attr, key, expected) => {
    const out = await ec2(emu.url, prod).send(
      new DescribeImageAttributeCommand({ ImageId: 'ami-00000000000000001', Attribute: attr }),
    );
    if (expected) expect(out[key]).toEqual(expected);
    else expect(out[key]?.Value).toBeUndefined();
  });

  it('refuses a non-owner with AuthFailure', async () => {
    await expect(
      ec2(emu.url, dev).send(
        new DescribeImageAttributeCommand({
          ImageId: 'ami-00000000000000001',
          Attribute: 'launchPermission',
        }),
      ),
    ).rejects.toMatchObject({ name: 'AuthFailure' });
  });
});

describe('image mutations', () => {
  it('ModifyImageAttribute remove, DisableImage wipes permissions, EnableImage does not restore them', async () => {
    const client = ec2(emu.url, prod);
    const img = emu.state.images.get('ami-00000000000000001')!;
    await client.send(
      new ModifyImageAttributeCommand({
        ImageId: img.imageId,
        LaunchPermission: {
          Remove: [{ OrganizationArn: 'arn:aws:organizations::999999999999:organization/o-foreign' }],
        },
      }),
    );
    expect(img.launchPermissions).toEqual([{ userId: DEV }]);
    await client.send(
      new ModifyImageAttributeCommand({
        ImageId: img.imageId,
        LaunchPermission: { Add: [{ Group: 'all' }] },
      }),
    );
    const pub = await client.send(new DescribeImagesCommand({ ImageIds: [img.imageId] }));
    expect(pub.Images?.[0].Public).toBe(true);

    await client.send(new DisableImageCommand({ ImageId: img.imageId }));
    expect(img.state).toBe('disabled');
    expect(img.launchPermissions).toEqual([]);
    await expect(
      ec2(emu.url, dev).send(new DescribeImagesCommand({ ImageIds: [img.imageId] })),
    ).rejects.toMatchObject({
      name: 'InvalidAMIID.NotFound',
    });
    await client.send(new EnableImageCommand({ ImageId: img.imageId }));
    expect(img.state).toBe('available');
    expect(img.launchPermissions).toEqual([]);
  });

  it('EnableImageDeprecation rejects the past and stores a future time', async () => {
    const client = ec2(emu.url, prod);
    await expect(
      client.send(
        new EnableImageDeprecationCommand({
          ImageId: 'ami-00000000000000004',
          DeprecateAt: new Date('2020-01-01'),
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterValue' });
    const at = new Date(Date.now() + 30 * 86_400_000);
    await client.send(
      new EnableImageDeprecationCommand({ ImageId: 'ami-00000000000000004', DeprecateAt: at }),
    );
    expect(Date.parse(emu.state.images.get('ami-00000000000000004')!.deprecationTime!)).toBeGreaterThan(
      Date.now(),
    );
  });

  it('DeregisterImage is refused under deregistration protection and deletes snapshots otherwise', async () => {
    const client = ec2(emu.url, prod);
    await expect(
      client.send(new DeregisterImageCommand({ ImageId: 'ami-00000000000000004' })),
    ).rejects.toMatchObject({
      name: 'OperationNotPermitted',
    });
    expect(emu.state.images.get('ami-00000000000000004')).toBeDefined();
    const snap = emu.state.images.get('ami-00000000000000002')!.blockDevices[0].snapshotId!;
    const out = await client.send(
      new DeregisterImageCommand({ ImageId: 'ami-00000000000000002', DeleteAssociatedSnapshots: true }),
    );
    expect(out.DeleteSnapshotResults).toEqual([{ SnapshotId: snap, ReturnCode: 'success' }]);
    expect(emu.state.images.get('ami-00000000000000002')).toBeUndefined();
    expect(emu.state.snapshots.get(snap)).toBeUndefined();
  });

  it('CreateTags, DeleteTags and ResetImageAttribute change the image', async () => {
    const client = ec2(emu.url, prod);
    const img = emu.state.images.get('ami-00000000000000004')!;
    await client.send(
      new CreateTagsCommand({
        Resources: [img.imageId],
        Tags: [
          { Key: 'amiaudit:noncompliant', Value: 'naming' },
          { Key: 'Owner', Value: 'a' },
        ],
      }),
    );
    expect(Object.fromEntries(img.tags)).toEqual({ 'amiaudit:noncompliant': 'naming', Owner: 'a' });
    await client.send(
      new DeleteTagsCommand({
        Resources: [img.imageId],
        Tags: [{ Key: 'Owner', Value: 'other' }, { Key: 'amiaudit:noncompliant' }],
      }),
    );
    expect(Object.fromEntries(img.tags)).toEqual({ Owner: 'a' });
    await client.send(
      new ResetImageAttributeCommand({ ImageId: img.imageId, Attribute: 'launchPermission' }),
    );
    expect(img.launchPermissions).toEqual([]);
    const out = await client.send(new DescribeImagesCommand({ ImageIds: [img.imageId] }));
    expect(out.Images?.[0]).toMatchObject({ Public: false, Tags: [{ Key: 'Owner', Value: 'a' }] });
  });

  it('block public access refuses making an image public', async () => {
    const client = ec2(emu.url);
    emu.state.settings.setImageBlockPublicAccess(MGMT, 'us-east-1', 'block-new-sharing');
    const state = await client.send(new GetImageBlockPublicAccessStateCommand({}));
    expect(state.ImageBlockPublicAccessState).toBe('block-new-sharing');
    await expect(
      client.send(
        new ModifyImageAttributeCommand({
          ImageId: 'ami-00000000000000006',
          LaunchPermission: { Add: [{ Group: 'all' }] },
        }),
      ),
    ).rejects.toMatchObject({ name: 'OperationNotPermitted' });
  });

  it('an unknown action is InvalidAction', async () => {
    const res = await fetch(emu.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization:
          'AWS4-HMAC-SHA256 Credential=AKIDEMULATOR/20260101/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=0',
      },
      body: 'Action=RunInstances&Version=2016-11-15',
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('<Code>InvalidAction</Code>');
  });
});
