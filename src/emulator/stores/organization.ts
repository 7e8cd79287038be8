import type { AccountStore } from './accounts.js';
import { type LaunchPermission, permits } from './launch-permission.js';

export interface EmuOrganization {
  id: string;
  arn: string;
  managementAccountId: string;
  rootId: string;
  featureSet: 'ALL' | 'CONSOLIDATED_BILLING';
  ous: { id: string; name: string; parentId: string }[];
}

/** The organization (if the world has one) and the questions asked of its tree. */
export class OrganizationStore {
  private readonly ouAncestorsCache = new Map<string, Set<string>>();

  constructor(
    readonly details: EmuOrganization | undefined,
    private readonly accounts: AccountStore,
  ) {}

  /** The OU ids that contain the account, directly or through nesting. */
  ouAncestors(account: string): Set<string> {
    let set = this.ouAncestorsCache.get(account);
    if (set) return set;
    set = new Set();
    const byId = new Map((this.details?.ous ?? []).map((o) => [o.id, o]));
    let parent = this.accounts.get(account)?.parentId;
    for (let depth = 0; parent && depth < 20; depth++) {
      const ou = byId.get(parent);
      if (!ou) break;
      set.add(ou.id);
      parent = ou.parentId;
    }
    this.ouAncestorsCache.set(account, set);
    return set;
  }

  /** True when the launch permission names the account explicitly or through its org/OU (or is public). */
  permitsAccount(p: LaunchPermission, account: string): boolean {
    const orgArn = this.accounts.get(account)?.member ? this.details?.arn : undefined;
    return permits(p, account, orgArn, this.ouAncestors(account));
  }
}
