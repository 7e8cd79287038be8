import { ApiError } from '../api-error.js';
import type { CallContext } from '../context.js';
import { decodeToken, page } from '../pagination.js';
import type { EmuAccount } from '../stores/accounts.js';
import type { EmuOrganization } from '../stores/organization.js';

type Json = Record<string, unknown>;
export type OrgHandler = (ctx: CallContext, input: Json) => Json;

const JOINED = Date.parse('2024-01-15T00:00:00Z') / 1000;

function org(ctx: CallContext): EmuOrganization {
  const o = ctx.state.organization.details;
  const acct = ctx.state.accounts.get(ctx.account);
  if (!o || !acct?.member) {
    throw new ApiError(
      'AWSOrganizationsNotInUseException',
      'Your account is not a member of an organization.',
    );
  }
  return o;
}

/** Organizations lists are readable only from the management account (delegated admins are not modelled). */
function managementOrg(ctx: CallContext): EmuOrganization {
  const o = org(ctx);
  if (ctx.account !== o.managementAccountId) {
    throw new ApiError('AccessDeniedException', "You don't have permissions to access this resource.");
  }
  return o;
}

function pageOf<T>(input: Json, items: readonly T[], api: string): { items: readonly T[]; next?: string } {
  const max = input.MaxResults === undefined ? 20 : Number(input.MaxResults);
  if (!Number.isInteger(max) || max < 1 || max > 20) {
    throw new ApiError(
      'InvalidInputException',
      'You provided a value that does not match the required pattern.',
    );
  }
  const token = typeof input.NextToken === 'string' ? input.NextToken : undefined;
  return page(items, decodeToken(token, api, 'InvalidInputException'), max, api);
}

function renderAccount(o: EmuOrganization, a: EmuAccount): Json {
  return {
    Id: a.id,
    Arn: `arn:aws:organizations::${o.managementAccountId}:account/${o.id}/${a.id}`,
    Email: a.email,
    Name: a.name,
    Status: a.status,
    State:
      a.status === 'SUSPENDED' ? 'SUSPENDED' : a.status === 'PENDING_CLOSURE' ? 'PENDING_CLOSURE' : 'ACTIVE',
    JoinedMethod: a.id === o.managementAccountId ? 'CREATED' : 'INVITED',
    JoinedTimestamp: JOINED,
  };
}

function members(ctx: CallContext): EmuAccount[] {
  return ctx.state.accounts.members();
}

function checkParent(o: EmuOrganization, parentId: unknown): string {
  if (typeof parentId !== 'string' || (parentId !== o.rootId && !o.ous.some((u) => u.id === parentId))) {
    throw new ApiError(
      'ParentNotFoundException',
      "We can't find a root or OU with the ParentId that you specified.",
    );
  }
  return parentId;
}

export const ORGANIZATIONS_ACTIONS: Record<string, OrgHandler> = {
  DescribeOrganization: (ctx) => {
    const o = org(ctx);
    const mgmt = ctx.state.accounts.get(o.managementAccountId);
    return {
      Organization: {
        Id: o.id,
        Arn: o.arn,
        FeatureSet: o.featureSet,
        MasterAccountArn: `arn:aws:organizations::${o.managementAccountId}:account/${o.id}/${o.managementAccountId}`,
        MasterAccountId: o.managementAccountId,
        MasterAccountEmail: mgmt?.email ?? `aws+${o.managementAccountId}@example.com`,
        AvailablePolicyTypes: [],
      },
    };
  },
  ListAccounts: (ctx, input) => {
    const o = managementOrg(ctx);
    const { items, next } = pageOf(input, members(ctx), 'ListAccounts');
    return { Accounts: items.map((a) => renderAccount(o, a)), NextToken: next };
  },
  DescribeAccount: (ctx, input) => {
    const o = managementOrg(ctx);
    const a = ctx.state.accounts.get(String(input.AccountId));
    if (!a?.member)
      throw new ApiError('AccountNotFoundException', "You specified an account that doesn't exist.");
    return { Account: renderAccount(o, a) };
  },
  ListRoots: (ctx, input) => {
    const o = managementOrg(ctx);
    const root = {
      Id: o.rootId,
      Arn: `arn:aws:organizations::${o.managementAccountId}:root/${o.id}/${o.rootId}`,
      Name: 'Root',
      PolicyTypes: [],
    };
    const { items, next } = pageOf(input, [root], 'ListRoots');
    return { Roots: items, NextToken: next };
  },
  ListOrganizationalUnitsForParent: (ctx, input) => {
    const o = managementOrg(ctx);
    const parent = checkParent(o, input.ParentId);
    const ous = o.ous
      .filter((u) => u.parentId === parent)
      .map((u) => ({
        Id: u.id,
        Arn: `arn:aws:organizations::${o.managementAccountId}:ou/${o.id}/${u.id}`,
        Name: u.name,
      }));
    const { items, next } = pageOf(input, ous, 'ListOrganizationalUnitsForParent');
    return { OrganizationalUnits: items, NextToken: next };
  },
  ListAccountsForParent: (ctx, input) => {
    const o = managementOrg(ctx);
    const parent = checkParent(o, input.ParentId);
    const { items, next } = pageOf(
      input,
      members(ctx).filter((a) => a.parentId === parent),
      'ListAccountsForParent',
    );
    return { Accounts: items.map((a) => renderAccount(o, a)), NextToken: next };
  },
  ListParents: (ctx, input) => {
    const o = managementOrg(ctx);
    const id = String(input.ChildId);
    const ou = o.ous.find((u) => u.id === id);
    const parent = ou ? ou.parentId : ctx.state.accounts.get(id)?.parentId;
    if (!parent)
      throw new ApiError(
        'ChildNotFoundException',
        "We can't find an organizational unit (OU) or AWS account with the ChildId that you specified.",
      );
    return { Parents: [{ Id: parent, Type: parent === o.rootId ? 'ROOT' : 'ORGANIZATIONAL_UNIT' }] };
  },
};
