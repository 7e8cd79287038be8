import {
  DeregisterImageCommand,
  DescribeImageAttributeCommand,
  DescribeImagesCommand,
  ListImagesInRecycleBinCommand,
  RestoreImageFromRecycleBinCommand,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { validateWorld, type World } from '../../src/emulator/index.js';
import { ec2 } from '../support/clients.js';
import { useEmulator } from '../support/emulator.js';
import { MGMT } from '../support/organization.js';

const BIN_REGION = 'us-east-1';
const NO_BIN_REGION = 'eu-west-1';
const A = 'ami-0000000000000000a';
const B = 'ami-0000000000000000b';
const C = 'ami-0000000000000000c';

function world(): World {
  return {
    regions: [BIN_REGION, NO_BIN_REGION],
    accounts: [{ id: MGMT }],
    recycleBinRules: [{ account: MGMT, region: BIN_REGION, retentionDays: 7 }],
    images: [
      {
        imageId: A,
        account: MGMT,
        region: BIN_REGION,
        name: 'web-<a>',
        creationDate: '2025-01-01',
        description: 'a & b',
        launchPermissions: [{ userId: '999988887777' }],
        blockDevices: [{ snapshotId: 'snap-0000000000000000a' }],
      },
      { imageId: B, account: MGMT, region: BIN_REGION, name: 'web-b', creationDate: '2025-01-01' },
      { imageId: C, account: MGMT, region: NO_BIN_REGION, name: 'web-c', creationDate: '2025-01-01' },
    ],
  };
}

const emu = useEmulator(() => ({ world: world() }), { each: true });

const described = async (region: string) =>
  (
    (await ec2(emu.url, undefined, region).send(new DescribeImagesCommand({ Owners: ['self'] }))).Images ?? []
  ).map((i) => i.ImageId);

describe('Recycle Bin', () => {
  it('DeregisterImage under a retention rule moves the AMI to the bin; Restore brings it back', async () => {
    const client = ec2(emu.url, undefined, BIN_REGION);
    const before = Date.now();
    await client.send(new DeregisterImageCommand({ ImageId: A, DeleteAssociatedSnapshots: true }));
    expect(await described(BIN_REGION)).toEqual([B]);
    // Snapshots deleted with the AMI are gone whether or not the AMI itself is retained.
    expect(emu.state.snapshots.get('snap-0000000000000000a')).toBeUndefined();

    const listed = await client.send(new ListImagesInRecycleBinCommand({ ImageIds: [A, B] }));
    expect(listed.Images).toHaveLength(1);
    const [info] = listed.Images ?? [];
    expect(info).toMatchObject({ ImageId: A, Name: 'web-<a>', Description: 'a & b' });
    const enter = info.RecycleBinEnterTime!.getTime();
    expect(enter).toBeGreaterThanOrEqual(before - 1000);
    expect(info.RecycleBinExitTime!.getTime() - enter).toBe(7 * 86_400_000);

    const out = await client.send(new RestoreImageFromRecycleBinCommand({ ImageId: A }));
    expect(out.Return).toBe(true);
    expect((await described(BIN_REGION)).sort()).toEqual([A, B]);
    const perms = await client.send(
      new DescribeImageAttributeCommand({ ImageId: A, Attribute: 'launchPermission' }),
    );
    expect(perms.LaunchPermissions).toEqual([{ UserId: '999988887777' }]);
    expect((await client.send(new ListImagesInRecycleBinCommand({}))).Images).toEqual([]);
  });

  it('without a rule DeregisterImage deletes for good and nothing is listed or restorable', async () => {
    const client = ec2(emu.url, undefined, NO_BIN_REGION);
    await client.send(new DeregisterImageCommand({ ImageId: C }));
    expect(await described(NO_BIN_REGION)).toEqual([]);
    expect((await client.send(new ListImagesInRecycleBinCommand({ ImageIds: [C] }))).Images).toEqual([]);
    await expect(client.send(new RestoreImageFromRecycleBinCommand({ ImageId: C }))).rejects.toMatchObject({
      name: 'InvalidAMIID.NotFound',
    });
  });

  it('pages ListImagesInRecycleBin and refuses MaxResults with ImageIds', async () => {
    const client = ec2(emu.url, undefined, BIN_REGION);
    for (const id of [A, B]) await client.send(new DeregisterImageCommand({ ImageId: id }));
    const first = await client.send(new ListImagesInRecycleBinCommand({ MaxResults: 1 }));
    expect(first.Images?.map((i) => i.ImageId)).toEqual([A]);
    const second = await client.send(
      new ListImagesInRecycleBinCommand({ MaxResults: 1, NextToken: first.NextToken }),
    );
    expect(second.Images?.map((i) => i.ImageId)).toEqual([B]);
    expect(second.NextToken).toBeUndefined();
    await expect(
      client.send(new ListImagesInRecycleBinCommand({ ImageIds: [A], MaxResults: 5 })),
    ).rejects.toMatchObject({ name: 'InvalidParameterCombination' });
  });

  it('forgets entries past their exit time', async () => {
    await ec2(emu.url, undefined, BIN_REGION).send(new DeregisterImageCommand({ ImageId: B }));
    const later = new Date(Date.now() + 8 * 86_400_000);
    expect(emu.state.recycleBin.list(MGMT, BIN_REGION, later)).toEqual([]);
    expect(emu.state.recycleBin.get(B, new Date())).toBeUndefined();
  });

  it('rejects a rule for an account-region that does not exist', () => {
    const w = { ...world(), recycleBinRules: [{ account: MGMT, region: 'ap-south-1', retentionDays: 7 }] };
    expect(() => validateWorld(w)).toThrow(/recycleBinRules\[0\]\.region: ap-south-1 is not enabled/);
  });
});
