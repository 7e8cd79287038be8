import type { Finding, Report } from '../report/model.js';
import { actionByName } from './actions/index.js';
import { type Plan, PlanError, type PlanStep, type Unplanned } from './types.js';

/** Which findings a run considers; --max-actions caps the steps attempted. */
export interface PlanFilters {
  only?: string[];
  accounts?: string[];
  regions?: string[];
  maxActions: number;
}

/** Default --max-actions. */
export const DEFAULT_MAX_ACTIONS = 25;

/** The journal key of a finding's step. */
export function stepId(findingId: string, action: string): string {
  return `${findingId}:${action}`;
}

function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

function selected(f: Finding, filters: PlanFilters): boolean {
  if (filters.only?.length && !filters.only.includes(f.ruleId)) return false;
  if (filters.accounts?.length && !filters.accounts.includes(f.resource.account)) return false;
  if (filters.regions?.length && !filters.regions.some((r) => globToRegExp(r).test(f.resource.region)))
    return false;
  return true;
}

/**
 * Turns a findings report into a plan: one step per OPEN finding whose rule has a remediation, in
 * finding order. Suppressed and inconclusive findings are never planned. Steps already applied
 * according to the journal go to `done`; the first `maxActions` of the rest run, the others are
 * deferred (cap).
 */
export function planRemediation(
  report: Report,
  filters: PlanFilters,
  now: Date,
  alreadyApplied: ReadonlySet<string> = new Set(),
): Plan {
  const candidates: PlanStep[] = [];
  const done: PlanStep[] = [];
  const unplanned: Unplanned[] = [];
  let filteredOut = 0;
  let withoutRemediation = 0;
  const seen = new Set<string>();
  for (const finding of report.findings) {
    if (!selected(finding, filters)) {
      filteredOut++;
      continue;
    }
    const remediation = finding.remediation;
    if (!remediation) {
      withoutRemediation++;
      continue;
    }
    const base = {
      findingId: finding.id,
      ruleId: finding.ruleId,
      resource: finding.resource,
      action: remediation.action,
    };
    if (finding.status !== 'open') {
      unplanned.push({ ...base, reason: `finding is ${finding.status}` });
      continue;
    }
    const action = actionByName(remediation.action);
    if (!action) {
      unplanned.push({ ...base, reason: `unknown action "${remediation.action}"` });
      continue;
    }
    if (!action.resourceTypes.includes(finding.resource.type)) {
      unplanned.push({
        ...base,
        reason: `${action.name} does not apply to a ${finding.resource.type} resource`,
      });
      continue;
    }
    let params: Record<string, unknown>;
    try {
      params = action.plan(finding, now);
    } catch (err) {
      if (!(err instanceof PlanError)) throw err;
      unplanned.push({ ...base, reason: err.message });
      continue;
    }
    const id = stepId(finding.id, action.name);
    if (seen.has(id)) continue; // the same finding twice (merged reports) is one step
    seen.add(id);
    const step: PlanStep = {
      id,
      findingId: finding.id,
      ruleId: finding.ruleId,
      action: action.name,
      resource: finding.resource,
      params,
      destructive: action.destructive,
      reversible: action.reversible,
      iamActions: action.iamActions,
      finding,
    };
    (alreadyApplied.has(id) ? done : candidates).push(step);
  }
  return {
    findingsRunId: report.run.id,
    steps: candidates.slice(0, filters.maxActions),
    deferred: candidates.slice(filters.maxActions),
    done,
    unplanned,
    maxActions: filters.maxActions,
    counts: { filteredOut, withoutRemediation },
  };
}
