import type { AwsOptions } from '../aws/types.js';
import { collectInventory } from '../collect/collect-inventory.js';
import { collectorsFor } from '../collect/plan.js';
import { evaluate } from '../engine/evaluate.js';
import { type LiveCheck, liveCheck } from '../remediate/live-verdict.js';
import type { PlanStep } from '../remediate/types.js';
import { VERSION } from '../version.js';
import type { RuleInputs } from './rule-inputs.js';

/** What the live re-evaluation of a remediation run found. */
export interface LiveReevaluation {
  check: LiveCheck;
  /** The fresh inventory the rules were evaluated against (kept next to the journal as evidence). */
  inventoryPath: string;
  accounts: number;
  regions: number;
}

/**
 * Collects again, now, what the steps' rules need in the steps' account-regions (for retention the whole
 * family, since every image of the account-region is listed), evaluates those rules (with the loaded
 * exceptions) as of `now`, and returns which steps still fail. findings.json chose the candidates; the
 * live state and the loaded rules decide.
 */
export async function reevaluateLive(
  steps: readonly PlanStep[],
  inputs: RuleInputs,
  opts: { aws: AwsOptions; output: string; now: Date; signal?: AbortSignal },
): Promise<LiveReevaluation> {
  const ruleIds = new Set(steps.flatMap((s) => s.ruleIds));
  const rules = inputs.rules.filter((r) => ruleIds.has(r.id));
  const accounts = [...new Set(steps.map((s) => s.resource.account))].sort();
  const regions = [...new Set(steps.map((s) => s.resource.region))].sort();
  const collected = await collectInventory({
    aws: opts.aws,
    targets: { accounts },
    regions,
    collectors: collectorsFor(rules.map((r) => r.check)),
    output: opts.output,
    inMemory: true,
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  const inventory = collected.inventory!;
  const live = evaluate({
    inventory,
    rules,
    exceptions: inputs.exceptions,
    now: opts.now,
    rulesDigest: inputs.digest,
    toolVersion: VERSION,
  });
  return {
    check: liveCheck(steps, live, inventory, opts.now),
    inventoryPath: collected.output,
    accounts: accounts.length,
    regions: regions.length,
  };
}
