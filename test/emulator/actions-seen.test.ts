import { DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { DescribeImagesCommand, DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { ListAccountsCommand } from '@aws-sdk/client-organizations';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { autoscaling, ec2, orgs, sts } from '../support/clients.js';
import { MGMT, PROD } from '../support/organization.js';
import { smallWorld } from './fixtures.js';

let emu: RunningEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

describe('actionsSeen', () => {
  it('lists every served action once, as sorted IAM action names', async () => {
    // Prepare
    emu = await startEmulator({ world: smallWorld() });
    // Act
    await ec2(emu.url).send(new DescribeImagesCommand({ Owners: ['self'] }));
    await ec2(emu.url).send(new DescribeImagesCommand({ Owners: ['self'] }));
    await autoscaling(emu.url).send(new DescribeAutoScalingGroupsCommand({}));
    await sts(emu.url).send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${PROD}:role/OrganizationAccountAccessRole`,
        RoleSessionName: 't',
      }),
    );
    await orgs(emu.url).send(new ListAccountsCommand({}));
    // Assess
    expect(emu.actionsSeen()).toEqual([
      'autoscaling:DescribeAutoScalingGroups',
      'ec2:DescribeImages',
      'organizations:ListAccounts',
      'sts:AssumeRole',
    ]);
  });

  it('counts a call refused by an injected fault, but not an unsigned one', async () => {
    // Prepare
    emu = await startEmulator({
      world: smallWorld(),
      faults: { accessDenied: [{ account: MGMT, api: 'DescribeInstances' }] },
    });
    // Act
    await expect(ec2(emu.url).send(new DescribeInstancesCommand({}))).rejects.toThrow();
    const unsigned = await fetch(emu.url, { method: 'POST', body: 'Action=DescribeRegions' });
    // Assess
    expect(unsigned.status).toBe(403);
    expect(emu.actionsSeen()).toEqual(['ec2:DescribeInstances']);
  });
});
