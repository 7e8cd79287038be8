import { accountUsageGaps, type InventoryIndex, type UsageGap } from './inventory-index.js';
import type { ImageRecord } from './schema.js';

/** Where an AMI can be used from, and which of those places lack usage evidence. */
export interface UsageVisibility {
  /** Account-regions (or groups of them) whose usage records were consulted, for evidence. */
  consulted: string[];
  /** Failed or missing segments in any consulted account-region; non-empty means "cannot prove unused". */
  gaps: UsageGap[];
  /** Principals the AMI is shared with that lie outside the scanned accounts (their usage is invisible). */
  outsideScope: string[];
  /** False when launch permissions were not collected, so every scanned account in the region was assumed. */
  launchPermissionsKnown: boolean;
}

const ORG_ARN = /^arn:[^:]+:organizations::\d*:organization\/(o-[a-z0-9]+)$/;
const OU_ARN = /^arn:[^:]+:organizations::\d*:ou\/(o-[a-z0-9]+)\/(ou-[a-z0-9-]+|r-[a-z0-9]+)$/;

/** Organization id of an organization ARN, or undefined when it is not one. */
export function parseOrganizationArn(arn: string): string | undefined {
  return ORG_ARN.exec(arn)?.[1];
}

/** Organization and OU ids of an organizational-unit ARN, or undefined when it is not one. */
export function parseOuArn(arn: string): { orgId: string; ouId: string } | undefined {
  const m = OU_ARN.exec(arn);
  return m ? { orgId: m[1], ouId: m[2] } : undefined;
}

/**
 * The account-regions where an AMI is visible — its own, plus every scanned account it is shared with in the
 * same region (AMIs are regional): explicit account ids, the whole organization for an ARN of the scanned
 * organization, the accounts under an OU (nested OUs included). A public AMI, or one whose launch
 * permissions were not collected, is treated as visible to every scanned account: that is conservative,
 * it can only turn a verdict into "inconclusive", never into "unused".
 */
export function usageVisibility(img: ImageRecord, index: InventoryIndex): UsageVisibility {
  const region = img.region;
  const regionGaps = index.usageGaps(region);
  const gaps: UsageGap[] = [];
  const consulted: string[] = [`${img.account}/${region}`];
  const outsideScope: string[] = [];
  const added = new Set<string>([img.account]);

  const own = index.scopeAccounts.has(img.account)
    ? regionGaps.get(img.account)
    : accountUsageGaps(index.segments, index.accountsWithSegments, img.account, region);
  if (own) gaps.push(...own);

  const addGroup = (label: string, member: (account: string) => boolean): void => {
    consulted.push(`${label}/${region}`);
    for (const [account, g] of regionGaps) {
      if (!added.has(account) && member(account)) {
        added.add(account);
        gaps.push(...g);
      }
    }
  };

  const perms = img.launchPermissions;
  const isPublic = img.public || (perms?.some((p) => p.group === 'all') ?? false);
  if (isPublic || perms === undefined) {
    addGroup(
      isPublic ? 'public: every scanned account' : 'launch permissions unknown: every scanned account',
      () => true,
    );
    return { consulted, gaps, outsideScope, launchPermissionsKnown: perms !== undefined };
  }
  for (const p of perms) {
    if (p.userId !== undefined) {
      if (added.has(p.userId)) continue;
      if (!index.scopeAccounts.has(p.userId)) {
        outsideScope.push(p.userId);
        continue;
      }
      added.add(p.userId);
      consulted.push(`${p.userId}/${region}`);
      const g = regionGaps.get(p.userId);
      if (g) gaps.push(...g);
    } else if (p.organizationArn !== undefined) {
      const orgId = parseOrganizationArn(p.organizationArn);
      if (orgId !== undefined && orgId === index.orgId)
        addGroup(`${orgId} (organization)`, (a) => index.orgAccounts.has(a));
      else outsideScope.push(p.organizationArn);
    } else if (p.organizationalUnitArn !== undefined) {
      const ou = parseOuArn(p.organizationalUnitArn);
      if (ou && ou.orgId === index.orgId) {
        const members = index.accountsUnderOu.get(ou.ouId);
        addGroup(`${ou.ouId} (OU)`, (a) => members?.has(a) ?? false);
      } else outsideScope.push(p.organizationalUnitArn);
    }
  }
  return { consulted, gaps, outsideScope, launchPermissionsKnown: true };
}
