import type { AccountSettings } from '../stores/account-settings.js';
import { AccountSettingsStore } from '../stores/account-settings.js';
import { AccountStore, DEFAULT_ROLES, type EmuAccount } from '../stores/accounts.js';
import { accountId } from '../stores/keys.js';
import type { EmuOrganization } from '../stores/organization.js';
import type { World, WorldAccountInput } from '../world.js';

/** The world's organization with its defaults filled in (root id, ARN, feature set). */
export function organizationOf(world: World): EmuOrganization | undefined {
  const org = world.organization;
  if (!org) return undefined;
  const mgmt = accountId(org.managementAccountId);
  return {
    id: org.id,
    arn: `arn:aws:organizations::${mgmt}:organization/${org.id}`,
    managementAccountId: mgmt,
    rootId: org.rootId ?? `r-${org.id.slice(2, 6).padEnd(4, '0')}`,
    featureSet: org.featureSet ?? 'ALL',
    ous: (org.ous ?? []).map((o) => ({ ...o })),
  };
}

/** The account a call with an unrecognised access key acts as: the world's caller, else its management account. */
export function callerAccountOf(world: World): string {
  return accountId(
    world.callerAccount ?? world.organization?.managementAccountId ?? world.accounts[0]?.id ?? '000000000000',
  );
}

function accountOf(a: WorldAccountInput, org: EmuOrganization | undefined): EmuAccount {
  const id = accountId(a.id);
  // In a world with an organization every account is a member unless it says otherwise.
  const member = a.member ?? org !== undefined;
  return {
    id,
    name: a.name ?? `account-${id}`,
    email: a.email ?? `aws+${id}@example.com`,
    parentId: member ? (a.parentId ?? org?.rootId) : undefined,
    member,
    status: a.status ?? 'ACTIVE',
    roles: new Set(a.roles ?? DEFAULT_ROLES),
    externalId: a.externalId,
  };
}

function settingsOf(a: WorldAccountInput, defaultRegions: string[]): AccountSettings {
  const imageBpa = typeof a.imageBlockPublicAccess === 'object' ? a.imageBlockPublicAccess : {};
  const snapBpa = typeof a.snapshotBlockPublicAccess === 'object' ? a.snapshotBlockPublicAccess : {};
  return {
    regions: new Set(a.regions ?? defaultRegions),
    imageBpa: new Map(Object.entries(imageBpa)),
    defaultImageBpa: typeof a.imageBlockPublicAccess === 'string' ? a.imageBlockPublicAccess : 'unblocked',
    snapshotBpa: new Map(Object.entries(snapBpa)),
    defaultSnapshotBpa:
      typeof a.snapshotBlockPublicAccess === 'string' ? a.snapshotBlockPublicAccess : 'unblocked',
  };
}

/** The world's accounts and their EC2 settings (regions default to the world's, then us-east-1). */
export function accountsOf(
  world: World,
  org: EmuOrganization | undefined,
): { accounts: AccountStore; settings: AccountSettingsStore } {
  const defaultRegions = world.regions ?? ['us-east-1'];
  const accounts = new AccountStore();
  const settings = new AccountSettingsStore();
  for (const a of world.accounts) {
    const account = accountOf(a, org);
    accounts.add(account);
    settings.set(account.id, settingsOf(a, defaultRegions));
  }
  return { accounts, settings };
}
