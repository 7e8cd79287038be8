import { accountId } from './stores/keys.js';
import { isWorldTime } from './time.js';
import type { World } from './world.js';

/** Reports one problem at a path of the world document. */
export type ReportError = (path: (string | number)[], msg: string) => void;

/** Account ids to their index in `accounts`; a repeated id is reported. */
function accountIndex(world: World, report: ReportError): Map<string, number> {
  const accounts = new Map<string, number>();
  world.accounts.forEach((a, i) => {
    const id = accountId(a.id);
    if (accounts.has(id)) report(['accounts', i, 'id'], `accounts[${i}].id: duplicate account ${id}`);
    accounts.set(id, i);
  });
  return accounts;
}

/** The root and OU ids accounts may sit under; OUs with an unknown parent are reported. */
function organizationContainers(
  world: World,
  accounts: Map<string, number>,
  report: ReportError,
): Set<string> {
  const org = world.organization;
  const containers = new Set<string>();
  if (!org) return containers;
  containers.add(org.rootId ?? '');
  for (const ou of org.ous ?? []) containers.add(ou.id);
  (org.ous ?? []).forEach((ou, i) => {
    if (!containers.has(ou.parentId) || ou.parentId === ou.id) {
      report(
        ['organization', 'ous', i, 'parentId'],
        `organization.ous[${i}].parentId: unknown parent "${ou.parentId}"`,
      );
    }
  });
  if (!accounts.has(accountId(org.managementAccountId))) {
    report(
      ['organization', 'managementAccountId'],
      'organization.managementAccountId: not listed in accounts',
    );
  }
  return containers;
}

function checkAccountRefs(
  world: World,
  accounts: Map<string, number>,
  containers: Set<string>,
  report: ReportError,
): void {
  world.accounts.forEach((a, i) => {
    if (a.parentId !== undefined && (!world.organization || !containers.has(a.parentId))) {
      report(['accounts', i, 'parentId'], `accounts[${i}].parentId: unknown root or OU "${a.parentId}"`);
    }
  });
  if (world.callerAccount !== undefined && !accounts.has(accountId(world.callerAccount))) {
    report(['callerAccount'], 'callerAccount: not listed in accounts');
  }
}

function checkUnique(
  report: ReportError,
  section: string,
  key: string,
  items: Record<string, unknown>[] | undefined,
): void {
  const seen = new Set<unknown>();
  (items ?? []).forEach((item, i) => {
    if (seen.has(item[key]))
      report([section, i, key], `${section}[${i}].${key}: duplicate ${String(item[key])}`);
    seen.add(item[key]);
  });
}

type CheckOwner = (section: string, i: number, owner: string | number, region: string) => void;

/** A check that a resource's owner is a listed account with the resource's region enabled. */
function ownerCheck(world: World, accounts: Map<string, number>, report: ReportError): CheckOwner {
  const regionsOf = (id: string) => {
    const i = accounts.get(id);
    return i === undefined ? undefined : (world.accounts[i].regions ?? world.regions ?? ['us-east-1']);
  };
  return (section, i, owner, region) => {
    const id = accountId(owner);
    const regions = regionsOf(id);
    if (!regions) report([section, i, 'account'], `${section}[${i}].account: unknown account ${id}`);
    else if (!regions.includes(region))
      report([section, i, 'region'], `${section}[${i}].region: ${region} is not enabled for account ${id}`);
  };
}

function checkOwners(
  checkOwner: CheckOwner,
  section: string,
  items: { account: string | number; region: string }[] | undefined,
): void {
  (items ?? []).forEach((r, i) => {
    checkOwner(section, i, r.account, r.region);
  });
}

function checkImagesAndSnapshots(world: World, checkOwner: CheckOwner, report: ReportError): void {
  (world.images ?? []).forEach((img, i) => {
    checkOwner('images', i, img.account, img.region);
    for (const k of ['creationDate', 'deprecationTime', 'lastLaunchedTime'] as const) {
      const v = img[k];
      if (v !== undefined && !isWorldTime(v)) {
        report(
          ['images', i, k],
          `images[${i}].${k}: not an ISO 8601 time or now[+-]N(d|h|m): "${String(v)}"`,
        );
      }
    }
  });
  checkOwners(checkOwner, 'snapshots', world.snapshots);
}

function checkUsage(world: World, checkOwner: CheckOwner, report: ReportError): void {
  checkOwners(checkOwner, 'instances', world.instances);
  (world.launchTemplates ?? []).forEach((lt, i) => {
    checkOwner('launchTemplates', i, lt.account, lt.region);
    if (lt.defaultVersion !== undefined && !lt.versions.some((v) => v.number === lt.defaultVersion)) {
      report(
        ['launchTemplates', i, 'defaultVersion'],
        `launchTemplates[${i}].defaultVersion: no version ${lt.defaultVersion}`,
      );
    }
  });
  checkOwners(checkOwner, 'launchConfigurations', world.launchConfigurations);
  checkOwners(checkOwner, 'recycleBinRules', world.recycleBinRules);
}

function checkAutoScalingGroups(world: World, checkOwner: CheckOwner, report: ReportError): void {
  (world.autoScalingGroups ?? []).forEach((g, i) => {
    checkOwner('autoScalingGroups', i, g.account, g.region);
    const lc = g.launchConfigurationName;
    const known = (world.launchConfigurations ?? []).some(
      (c) => c.name === lc && accountId(c.account) === accountId(g.account),
    );
    if (lc !== undefined && !known) {
      report(
        ['autoScalingGroups', i, 'launchConfigurationName'],
        `autoScalingGroups[${i}].launchConfigurationName: unknown launch configuration "${lc}"`,
      );
    }
  });
}

/** Checks what the schema cannot: ids are unique and every reference (account, parent, region, …) resolves. */
export function checkReferences(world: World, report: ReportError): void {
  const accounts = accountIndex(world, report);
  const containers = organizationContainers(world, accounts, report);
  checkAccountRefs(world, accounts, containers, report);
  checkUnique(report, 'images', 'imageId', world.images);
  checkUnique(report, 'snapshots', 'snapshotId', world.snapshots);
  checkUnique(report, 'instances', 'instanceId', world.instances);
  checkUnique(report, 'launchTemplates', 'launchTemplateId', world.launchTemplates);
  const checkOwner = ownerCheck(world, accounts, report);
  checkImagesAndSnapshots(world, checkOwner, report);
  checkUsage(world, checkOwner, report);
  checkAutoScalingGroups(world, checkOwner, report);
}
