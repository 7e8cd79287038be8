import {
  type Account,
  DescribeOrganizationCommand,
  type OrganizationsClient,
  paginateListAccounts,
  paginateListAccountsForParent,
  paginateListOrganizationalUnitsForParent,
  paginateListRoots,
} from '@aws-sdk/client-organizations';
import { type AwsCall, directCall } from './call.js';
import { pagesOf, throughCall } from './pages.js';

/** IAM actions of organization discovery (--org, --ou): from the management account or a delegated administrator. */
export const ORGANIZATION_IAM_ACTIONS = [
  'organizations:DescribeOrganization',
  'organizations:ListAccounts',
  'organizations:ListRoots',
  'organizations:ListOrganizationalUnitsForParent',
  'organizations:ListAccountsForParent',
];

/** A root or OU; `parentId` is absent for a root. */
export interface OrganizationUnit {
  id: string;
  name?: string;
  parentId?: string;
}

/** The organization's id and management account (DescribeOrganization). */
export async function describeOrganization(
  org: OrganizationsClient,
  call: AwsCall = directCall,
): Promise<{ id?: string; managementAccountId?: string }> {
  const out = await call('DescribeOrganization', () => org.send(new DescribeOrganizationCommand({})));
  return {
    ...(out.Organization?.Id ? { id: out.Organization.Id } : {}),
    ...(out.Organization?.MasterAccountId ? { managementAccountId: out.Organization.MasterAccountId } : {}),
  };
}

/** The state of a listed account: State is the newer field; Status is deprecated but is what older endpoints return. */
export function accountState(a: Account): string | undefined {
  return (a as { State?: string }).State ?? a.Status;
}

/** Lists every account of the organization (ListAccounts, paginated). */
export async function* listAccounts(
  org: OrganizationsClient,
  call: AwsCall = directCall,
): AsyncGenerator<Account> {
  const pages = paginateListAccounts({ client: throughCall(org, 'ListAccounts', call) }, {});
  for await (const page of pagesOf(pages)) yield* page.Accounts ?? [];
}

/** Walks the OU tree from the roots: #OUs × pages calls, instead of one ListParents per account. */
export async function walkOrganizationTree(
  org: OrganizationsClient,
  call: AwsCall = directCall,
): Promise<{ ous: OrganizationUnit[]; parentOf: Map<string, string> }> {
  const ous: OrganizationUnit[] = [];
  const parentOf = new Map<string, string>();
  const queue: string[] = [];
  for await (const page of pagesOf(paginateListRoots({ client: throughCall(org, 'ListRoots', call) }, {}))) {
    for (const r of page.Roots ?? []) {
      if (!r.Id) continue;
      ous.push({ id: r.Id, ...(r.Name ? { name: r.Name } : {}) });
      queue.push(r.Id);
    }
  }
  const children = async (parent: string): Promise<void> => {
    const pages = paginateListOrganizationalUnitsForParent(
      { client: throughCall(org, 'ListOrganizationalUnitsForParent', call) },
      { ParentId: parent },
    );
    for await (const page of pagesOf(pages)) {
      for (const ou of page.OrganizationalUnits ?? []) {
        if (!ou.Id) continue;
        ous.push({ id: ou.Id, ...(ou.Name ? { name: ou.Name } : {}), parentId: parent });
        queue.push(ou.Id);
      }
    }
  };
  const accounts = async (parent: string): Promise<void> => {
    const pages = paginateListAccountsForParent(
      { client: throughCall(org, 'ListAccountsForParent', call) },
      { ParentId: parent },
    );
    for await (const page of pagesOf(pages))
      for (const a of page.Accounts ?? []) if (a.Id) parentOf.set(a.Id, parent);
  };
  while (queue.length > 0) {
    const parent = queue.shift()!;
    await Promise.all([children(parent), accounts(parent)]);
  }
  return { ous, parentOf };
}

/** The organization's id and its ACTIVE accounts (what remediation checks org/OU shares against). */
export async function readOrganizationMembers(
  org: OrganizationsClient,
  call: AwsCall = directCall,
): Promise<{ id: string; accounts: string[] }> {
  const { id } = await describeOrganization(org, call);
  if (!id) throw new Error('DescribeOrganization returned no id');
  const accounts: string[] = [];
  for await (const a of listAccounts(org, call))
    if (a.Id && accountState(a) === 'ACTIVE') accounts.push(a.Id);
  return { id, accounts };
}
