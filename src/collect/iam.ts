import { ORGANIZATION_IAM_ACTIONS } from '../aws/organization.js';
import type { Collector as CollectorName } from '../inventory/schema.js';
import type { AccountStep } from './collector.js';
import { COLLECTOR_REGISTRY, withDependencies } from './collectors/index.js';

/** IAM actions of the account-level steps: assuming the audit role, and listing the account's regions in it. */
export const ACCOUNT_STEP_IAM_ACTIONS: { readonly [S in AccountStep]: readonly string[] } = {
  'assume-role': ['sts:AssumeRole'],
  regions: ['ec2:DescribeRegions'],
};

/** IAM action the scanning identity needs to learn its own account (which needs no role). */
export const CALLER_IAM_ACTIONS: readonly string[] = ['sts:GetCallerIdentity'];

/** IAM actions of organization discovery (--org, --ou), from the management account or a delegated administrator. */
export const ORGANIZATION_DISCOVERY_IAM_ACTIONS: readonly string[] = ORGANIZATION_IAM_ACTIONS;

/**
 * The read-only IAM actions the audit role needs in every account for a scan with these collectors
 * (their dependencies included): DescribeRegions and each collector's, once each, in collector order.
 */
export function readOnlyIamActions(collectorNames: readonly CollectorName[]): string[] {
  const actions = [
    ...ACCOUNT_STEP_IAM_ACTIONS.regions,
    ...withDependencies(collectorNames).flatMap((c) => COLLECTOR_REGISTRY[c].iamActions),
  ];
  return [...new Set(actions)];
}
