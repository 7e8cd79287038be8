import {
  DescribeOrganizationCommand,
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  ListRootsCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { Pacer } from '../../src/aws/pacer.js';
import { parseShard, resolveTargets, shardOf } from '../../src/collect/targets.js';
import { FatalAwsError, UsageError } from '../../src/errors.js';
import { fakeSession } from './helpers.js';

const orgs = mockClient(OrganizationsClient);
const pacer = () =>
  new Pacer({ concurrency: 4, buckets: { organizations: { burst: 1000, ratePerSec: 1000 } } });
const A = '111111111111';
const B = '222222222222';
const C = '333333333333';
const D = '444444444444';

function mockOrg(): void {
  orgs.on(DescribeOrganizationCommand).resolves({ Organization: { Id: 'o-abcdefghij', MasterAccountId: A } });
  // Page 1 is empty but has a token: AWS does that, and only the token ends pagination.
  orgs
    .on(ListAccountsCommand)
    .resolvesOnce({ Accounts: [], NextToken: 't1' })
    .resolvesOnce({
      Accounts: [
        { Id: A, Status: 'ACTIVE' },
        { Id: B, Status: 'ACTIVE', Name: 'b' },
      ],
      NextToken: 't2',
    })
    .resolvesOnce({
      Accounts: [
        { Id: C, Status: 'ACTIVE' },
        { Id: D, Status: 'SUSPENDED' },
      ],
    });
  orgs.on(ListRootsCommand).resolves({ Roots: [{ Id: 'r-root', Name: 'Root' }] });
  orgs.on(ListOrganizationalUnitsForParentCommand, { ParentId: 'r-root' }).resolves({
    OrganizationalUnits: [{ Id: 'ou-root-aaaaaaaa', Name: 'Work' }],
  });
  orgs.on(ListOrganizationalUnitsForParentCommand, { ParentId: 'ou-root-aaaaaaaa' }).resolves({
    OrganizationalUnits: [{ Id: 'ou-root-bbbbbbbb', Name: 'Nested' }],
  });
  orgs
    .on(ListOrganizationalUnitsForParentCommand, { ParentId: 'ou-root-bbbbbbbb' })
    .resolves({ OrganizationalUnits: [] });
  orgs.on(ListAccountsForParentCommand, { ParentId: 'r-root' }).resolves({ Accounts: [{ Id: A }] });
  orgs.on(ListAccountsForParentCommand, { ParentId: 'ou-root-aaaaaaaa' }).resolves({ Accounts: [{ Id: B }] });
  orgs
    .on(ListAccountsForParentCommand, { ParentId: 'ou-root-bbbbbbbb' })
    .resolves({ Accounts: [{ Id: C }, { Id: D }] });
}

describe('resolveTargets', () => {
  beforeEach(() => orgs.reset());

  it('--org: lists ACTIVE accounts over pages (empty page included) and builds the OU tree', async () => {
    mockOrg();
    const t = await resolveTargets(fakeSession(A), pacer(), { org: true });
    expect(t.accounts).toEqual([A, B, C]);
    expect(t.organization.id).toBe('o-abcdefghij');
    expect(t.organization.accounts.map((a) => [a.id, a.parentId])).toEqual([
      [A, 'r-root'],
      [B, 'ou-root-aaaaaaaa'],
      [C, 'ou-root-bbbbbbbb'],
    ]);
    expect(t.organization.ous).toEqual([
      { id: 'r-root', name: 'Root' },
      { id: 'ou-root-aaaaaaaa', name: 'Work', parentId: 'r-root' },
      { id: 'ou-root-bbbbbbbb', name: 'Nested', parentId: 'ou-root-aaaaaaaa' },
    ]);
    expect(orgs.commandCalls(ListAccountsCommand)).toHaveLength(3);
  });

  it('--ou keeps accounts under the OU, nested OUs included; --exclude-accounts removes', async () => {
    mockOrg();
    const t = await resolveTargets(fakeSession(A), pacer(), {
      ous: ['ou-root-aaaaaaaa'],
      excludeAccounts: [],
    });
    expect(t.accounts).toEqual([B, C]);
    orgs.reset();
    mockOrg();
    const t2 = await resolveTargets(fakeSession(A), pacer(), { org: true, excludeAccounts: [B] });
    expect(t2.accounts).toEqual([A, C]);
  });

  it('without --org scans the caller and tolerates an account without Organizations access', async () => {
    orgs
      .on(DescribeOrganizationCommand)
      .rejects(Object.assign(new Error('no'), { name: 'AWSOrganizationsNotInUseException' }));
    const t = await resolveTargets(fakeSession(B), pacer(), {});
    expect(t.accounts).toEqual([B]);
    expect(t.organization).toEqual({ accounts: [], ous: [] });
  });

  it('keeps the org id for the `self` sharing rule even without --org', async () => {
    orgs
      .on(DescribeOrganizationCommand)
      .resolves({ Organization: { Id: 'o-abcdefghij', MasterAccountId: A } });
    const t = await resolveTargets(fakeSession(B), pacer(), { accounts: [B, C] });
    expect(t.accounts).toEqual([B, C]);
    expect(t.organization.id).toBe('o-abcdefghij');
    expect(orgs.commandCalls(ListAccountsCommand)).toHaveLength(0);
  });

  it('--org without Organizations access is fatal', async () => {
    orgs
      .on(DescribeOrganizationCommand)
      .rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
    await expect(resolveTargets(fakeSession(B), pacer(), { org: true })).rejects.toBeInstanceOf(
      FatalAwsError,
    );
  });

  it('rejects malformed account ids and unknown OUs', async () => {
    await expect(resolveTargets(fakeSession(A), pacer(), { accounts: ['123'] })).rejects.toBeInstanceOf(
      UsageError,
    );
    mockOrg();
    await expect(
      resolveTargets(fakeSession(A), pacer(), { ous: ['ou-nope-12345678'] }),
    ).rejects.toBeInstanceOf(UsageError);
  });

  it('--shard partitions the accounts: every account in exactly one shard', async () => {
    const ids = Array.from({ length: 40 }, (_, i) => String(100000000000 + i));
    const shards = await Promise.all(
      [1, 2, 3].map(async (index) => {
        orgs.on(DescribeOrganizationCommand).resolves({});
        return (await resolveTargets(fakeSession(A), pacer(), { accounts: ids, shard: { index, count: 3 } }))
          .accounts;
      }),
    );
    expect(shards.flat().sort()).toEqual(ids);
    expect(shards.every((s) => s.length > 0)).toBe(true);
    for (const [i, s] of shards.entries()) for (const id of s) expect(shardOf(id, 3)).toBe(i + 1);
  });
});

describe('parseShard', () => {
  it.each([
    ['1/1', { index: 1, count: 1 }],
    ['3/4', { index: 3, count: 4 }],
  ])('%s', (v, want) => expect(parseShard(v)).toEqual(want));
  it.each(['0/3', '4/3', 'a/b', '2', '1/0'])('rejects %s', (v) =>
    expect(() => parseShard(v)).toThrow(UsageError),
  );
});
