import { DescribeImagesCommand, DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import {
  DescribeOrganizationCommand,
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  ListRootsCommand,
  paginateListAccounts,
} from '@aws-sdk/client-organizations';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { assumeRole, ec2, orgs, sts } from '../support/clients.js';
import { useEmulator } from '../support/emulator.js';
import { DENIED, DEV, MGMT, PROD } from '../support/organization.js';
import { smallWorld } from './fixtures.js';

const emu = useEmulator(() => {
  const world = smallWorld();
  world.faults = { assumeRoleDenied: [DENIED] };
  world.accounts.push({ id: DENIED, name: 'denied', parentId: 'r-test' });
  return { world };
});

const assume = (account: string, role = 'OrganizationAccountAccessRole', externalId?: string) =>
  assumeRole(emu.url, account, { role, externalId });

describe('STS', () => {
  it('base credentials act as the caller account', async () => {
    const id = await sts(emu.url).send(new GetCallerIdentityCommand({}));
    expect(id.Account).toBe(MGMT);
  });

  it('AssumeRole routes later calls to the target account', async () => {
    const prodCreds = await assume(PROD);
    const id = await sts(emu.url, prodCreds).send(new GetCallerIdentityCommand({}));
    expect(id.Account).toBe(PROD);
    expect(id.Arn).toBe(`arn:aws:sts::${PROD}:assumed-role/OrganizationAccountAccessRole/test`);
    const prodImages = await ec2(emu.url, prodCreds).send(new DescribeImagesCommand({ Owners: ['self'] }));
    const mgmtImages = await ec2(emu.url).send(new DescribeImagesCommand({ Owners: ['self'] }));
    expect(prodImages.Images?.map((i) => i.ImageId).sort()).toEqual([
      'ami-00000000000000001',
      'ami-00000000000000004',
    ]);
    expect(mgmtImages.Images?.map((i) => i.ImageId)).toEqual(['ami-00000000000000006']);
  });

  it.each([
    ['an unknown role', PROD, 'NoSuchRole', undefined],
    ['an account with assumeRoleDenied', '555555555555', 'OrganizationAccountAccessRole', undefined],
    ['a missing ExternalId', DEV, 'OrganizationAccountAccessRole', undefined],
    ['a wrong ExternalId', DEV, 'OrganizationAccountAccessRole', 'nope'],
    ['an account that does not exist', '999999999999', 'OrganizationAccountAccessRole', undefined],
  ])('AssumeRole with %s is AccessDenied', async (_label, account, role, ext) => {
    await expect(assume(account, role, ext)).rejects.toMatchObject({
      name: 'AccessDenied',
      $metadata: { httpStatusCode: 403 },
    });
  });

  it('AssumeRole with the right ExternalId succeeds', async () => {
    const creds = await assume(DEV, 'AmiAuditRole', 'secret-ext');
    const id = await sts(emu.url, creds).send(new GetCallerIdentityCommand({}));
    expect(id.Account).toBe(DEV);
  });
});

describe('Organizations', () => {
  it('describes the organization', async () => {
    const out = await orgs(emu.url).send(new DescribeOrganizationCommand({}));
    expect(out.Organization).toMatchObject({ Id: 'o-test000001', MasterAccountId: MGMT });
  });

  it('lists member accounts across pages and never the outside vendor', async () => {
    const first = await orgs(emu.url).send(new ListAccountsCommand({ MaxResults: 2 }));
    expect(first.Accounts).toHaveLength(2);
    expect(first.NextToken).toBeTruthy();
    const ids: string[] = [];
    for await (const page of paginateListAccounts({ client: orgs(emu.url), pageSize: 2 }, {})) {
      ids.push(...(page.Accounts ?? []).map((a) => a.Id!));
    }
    expect(ids.sort()).toEqual([MGMT, PROD, DEV, '555555555555'].sort());
    expect(first.Accounts?.[0].JoinedTimestamp).toBeInstanceOf(Date);
  });

  it('walks the OU tree', async () => {
    const roots = await orgs(emu.url).send(new ListRootsCommand({}));
    expect(roots.Roots?.map((r) => r.Id)).toEqual(['r-test']);
    const top = await orgs(emu.url).send(new ListOrganizationalUnitsForParentCommand({ ParentId: 'r-test' }));
    expect(top.OrganizationalUnits?.map((o) => o.Name)).toEqual(['Workloads']);
    const nested = await orgs(emu.url).send(
      new ListOrganizationalUnitsForParentCommand({ ParentId: 'ou-test-workloads' }),
    );
    expect(nested.OrganizationalUnits?.map((o) => o.Id)).toEqual(['ou-test-prod', 'ou-test-dev']);
    const inProd = await orgs(emu.url).send(new ListAccountsForParentCommand({ ParentId: 'ou-test-prod' }));
    expect(inProd.Accounts?.map((a) => a.Id)).toEqual([PROD]);
  });

  it('refuses listing from a member account with AccessDeniedException', async () => {
    const creds = await assume(PROD);
    await expect(orgs(emu.url, creds).send(new ListAccountsCommand({}))).rejects.toMatchObject({
      name: 'AccessDeniedException',
    });
  });

  it('rejects an unknown parent', async () => {
    await expect(
      orgs(emu.url).send(new ListAccountsForParentCommand({ ParentId: 'ou-nope-12345678' })),
    ).rejects.toMatchObject({
      name: 'ParentNotFoundException',
    });
  });
});

describe('DescribeRegions', () => {
  it('shows enabled regions, and opt-in status with AllRegions', async () => {
    const creds = await assume(PROD);
    const enabled = await ec2(emu.url, creds).send(new DescribeRegionsCommand({}));
    expect(enabled.Regions?.map((r) => r.RegionName).sort()).toEqual([
      'af-south-1',
      'eu-west-1',
      'us-east-1',
    ]);
    const all = await ec2(emu.url, creds).send(new DescribeRegionsCommand({ AllRegions: true }));
    const status = Object.fromEntries((all.Regions ?? []).map((r) => [r.RegionName, r.OptInStatus]));
    expect(status['us-east-1']).toBe('opt-in-not-required');
    expect(status['af-south-1']).toBe('opted-in');
    expect(status['us-west-2']).toBe('not-opted-in');
    expect(status['ap-east-1']).toBe('not-opted-in');
  });

  it('a call into a region the account has not enabled fails with AuthFailure', async () => {
    await expect(
      ec2(emu.url, undefined, 'us-west-2').send(new DescribeImagesCommand({ Owners: ['self'] })),
    ).rejects.toMatchObject({
      name: 'AuthFailure',
    });
  });
});
