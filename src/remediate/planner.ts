import { actionParamProblems } from '../catalog/action.js';
import { isRemediationAction } from '../catalog/action-registry.js';
import { compileGlobs } from '../catalog/glob.js';
import { UsageError } from '../errors.js';
import type { Finding, Report, Resource } from '../findings/model.js';
import { ACTIONS } from './actions/index.js';
import { type Plan, PlanError, type PlanStep, type Superseded, type Unplanned } from './types.js';

/** Which findings a run considers; --max-actions caps the resources acted on (applied or failed). */
export interface PlanFilters {
  only?: string[];
  accounts?: string[];
  regions?: string[];
  maxActions: number;
}

/** Default --max-actions. */
export const DEFAULT_MAX_ACTIONS = 25;

/** The journal key of a step: one per resource and action, so it stays the same on a re-run whatever findings led to it. */
export function stepId(resource: Pick<Resource, 'account' | 'region' | 'id'>, action: string): string {
  return `${resource.account}/${resource.region}/${resource.id}:${action}`;
}

const ACCOUNT_ID = /^\d{12}$/;

/**
 * Actions a deregistration of the same image makes moot. Sharing fixes are not among them: they still
 * protect the image when a safety check skips the deregistration (in use, protected, held).
 */
const SUPERSEDED_BY_DEREGISTER: ReadonlySet<string> = new Set(['deprecate', 'disable', 'tag']);

/** Why a step is dropped for the deregistration of its image. */
export const SUPERSEDED_REASON = 'superseded by the deregistration of the same image in this plan';

/**
 * Rejects filters that cannot match what the user meant: a rule id that is in no finding and no rule
 * of the report (a typo would otherwise be a silent no-op), an account that is not a 12-digit id.
 */
export function checkFilters(report: Report, filters: Pick<PlanFilters, 'only' | 'accounts'>): void {
  const known = new Set([...report.findings.map((f) => f.ruleId), ...(report.rules ?? []).map((r) => r.id)]);
  for (const id of filters.only ?? []) {
    if (!known.has(id)) {
      throw new UsageError(
        `unknown rule id ${JSON.stringify(id)} (known: ${[...known].sort().join(', ') || 'none'})`,
      );
    }
  }
  for (const a of filters.accounts ?? []) {
    if (!ACCOUNT_ID.test(a))
      throw new UsageError(`--accounts: ${JSON.stringify(a)} is not a 12-digit account id`);
  }
}

/** The finding filter of --only, --accounts and --regions (region globs compiled once). */
export function selector(filters: PlanFilters): (f: Finding) => boolean {
  const regionMatch = filters.regions?.length ? compileGlobs(filters.regions) : undefined;
  return (f) =>
    !(filters.only?.length && !filters.only.includes(f.ruleId)) &&
    !(filters.accounts?.length && !filters.accounts.includes(f.resource.account)) &&
    !(regionMatch && !regionMatch(f.resource.region));
}

/**
 * Turns a findings report into a plan: one step per (resource, action) asked for by OPEN findings
 * whose rule has a remediation, in order of first finding. Findings asking for the same action on
 * the same resource are merged (deprecate: the earliest date; tag: the tags merged;
 * remove-launch-permissions: the union of principals). Suppressed and inconclusive findings are
 * never planned. Deprecate, disable and tag steps on an image the plan also deregisters are dropped
 * (`superseded`): deregister supersedes them, and their undo could never succeed on a deregistered
 * image. Steps already applied according to the journal go to `done`; of the rest, the
 * first `maxActions` are the estimate of this run (`steps`), the others `deferred`; the executor
 * walks on into `deferred` when steps are skipped, since only acted-on steps count against the cap.
 */
export function planRemediation(
  report: Report,
  filters: PlanFilters,
  now: Date,
  alreadyApplied: ReadonlySet<string> = new Set(),
): Plan {
  const byId = new Map<string, PlanStep>();
  const unplanned: Unplanned[] = [];
  let filteredOut = 0;
  let withoutRemediation = 0;
  const selected = selector(filters);
  for (const finding of report.findings) {
    if (!selected(finding)) {
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
    const name = remediation.action;
    if (!isRemediationAction(name)) {
      unplanned.push({ ...base, reason: `unknown action "${name}"` });
      continue;
    }
    const action = ACTIONS[name];
    const { meta } = action;
    if (!meta.resourceTypes.includes(finding.resource.type)) {
      unplanned.push({
        ...base,
        reason: `${meta.name} does not apply to a ${finding.resource.type} resource`,
      });
      continue;
    }
    const ruleParams = remediation.params ?? {};
    const problems = actionParamProblems(meta, ruleParams);
    if (problems.length > 0) {
      unplanned.push({ ...base, reason: problems.join('; ') });
      continue;
    }
    const id = stepId(finding.resource, meta.name);
    const existing = byId.get(id);
    if (existing?.findingIds.includes(finding.id)) continue; // the same finding twice (merged reports)
    let params: Record<string, unknown>;
    try {
      params = action.plan(finding, ruleParams, now);
      if (existing) params = action.merge ? action.merge(existing.params, params) : existing.params;
    } catch (err) {
      if (!(err instanceof PlanError)) throw err;
      unplanned.push({ ...base, reason: err.message });
      continue;
    }
    const iamActions = [...(action.iamFor?.(params) ?? meta.iam.apply)];
    if (existing) {
      existing.params = params;
      existing.iamActions = iamActions;
      existing.findingIds.push(finding.id);
      if (!existing.ruleIds.includes(finding.ruleId)) existing.ruleIds.push(finding.ruleId);
      existing.findings.push(finding);
      continue;
    }
    byId.set(id, {
      id,
      findingId: finding.id,
      ruleId: finding.ruleId,
      findingIds: [finding.id],
      ruleIds: [finding.ruleId],
      action: name,
      resource: finding.resource,
      params,
      destructive: meta.destructive,
      reversible: meta.reversible,
      iamActions,
      finding,
      findings: [finding],
    });
  }
  const candidates: PlanStep[] = [];
  const done: PlanStep[] = [];
  const superseded: Superseded[] = [];
  for (const step of byId.values()) {
    if (alreadyApplied.has(step.id)) {
      done.push(step);
      continue;
    }
    const by = stepId(step.resource, 'deregister');
    if (SUPERSEDED_BY_DEREGISTER.has(step.action) && byId.has(by)) {
      superseded.push({ step, by, reason: SUPERSEDED_REASON });
      continue;
    }
    candidates.push(step);
  }
  return {
    findingsRunId: report.run.id,
    steps: candidates.slice(0, filters.maxActions),
    deferred: candidates.slice(filters.maxActions),
    done,
    unplanned,
    refused: [],
    superseded,
    maxActions: filters.maxActions,
    counts: { filteredOut, withoutRemediation },
  };
}
