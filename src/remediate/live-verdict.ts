import type { Finding, Report } from '../findings/model.js';
import type { Inventory } from '../inventory/inventory.js';
import { planRemediation, stepId } from './planner.js';
import type { PlanStep } from './types.js';

/**
 * Whether a planned step's rule still fails on the resource's live state. The live report is the loaded
 * rules evaluated against a fresh collection of the steps' account-regions: a step runs only when a rule
 * it came from has an open finding there now, and with the parameters planned from that live finding.
 */
export type LiveVerdict = { ok: true; step: PlanStep } | { ok: false; reason: string };

/** The verdict of each step, from the live re-evaluation. */
export type LiveCheck = (step: PlanStep) => LiveVerdict;

const resourceKey = (r: Pick<Finding['resource'], 'account' | 'region' | 'id'>): string =>
  `${r.account}/${r.region}/${r.id}`;

/**
 * Builds the verdicts of `steps` from the live report and the live inventory it was evaluated from. Only
 * live findings of a step's own rules on its own resource, asking for its own action, count: the live
 * collection can neither add a target nor change an action.
 */
export function liveCheck(
  steps: readonly PlanStep[],
  live: Report,
  inventory: Pick<Inventory, 'images' | 'segments'>,
  now: Date,
): LiveCheck {
  const planned = new Map(steps.map((s) => [s.id, s]));
  const ownFindings = live.findings.filter((f) => {
    const step = f.remediation ? planned.get(stepId(f.resource, f.remediation.action)) : undefined;
    return step?.ruleIds.includes(f.ruleId) === true;
  });
  const livePlan = planRemediation(
    { ...live, findings: ownFindings },
    { maxActions: Number.MAX_SAFE_INTEGER },
    now,
  );
  const liveSteps = new Map([...livePlan.steps, ...livePlan.deferred].map((s) => [s.id, s]));
  const byResource = new Map<string, Finding[]>();
  for (const f of live.findings) {
    const key = resourceKey(f.resource);
    byResource.set(key, [...(byResource.get(key) ?? []), f]);
  }
  const imageIds = new Set(inventory.images.map((i) => `${i.account}/${i.region}/${i.imageId}`));

  return (step) => {
    const liveStep = liveSteps.get(step.id);
    if (liveStep) return { ok: true, step: liveStep };
    const { account, region } = step.resource;
    const gap = inventory.segments.find(
      (s) =>
        s.account === account &&
        (s.region === region || s.region === '*') &&
        s.status !== 'ok' &&
        s.status !== 'skipped',
    );
    if (gap) {
      return {
        ok: false,
        reason: `cannot re-evaluate on the live state: ${gap.collector} in ${gap.account}/${gap.region} ${gap.status}${gap.error ? ` (${gap.error})` : ''}`,
      };
    }
    const mine = (byResource.get(resourceKey(step.resource)) ?? []).filter((f) =>
      step.ruleIds.includes(f.ruleId),
    );
    const inconclusive = mine.find((f) => f.status === 'inconclusive');
    if (inconclusive) {
      return { ok: false, reason: `live re-evaluation is inconclusive: ${inconclusive.message}` };
    }
    const suppressed = mine.find((f) => f.status === 'suppressed');
    if (suppressed) {
      const why = suppressed.exception?.reason;
      return {
        ok: false,
        reason: `rule ${suppressed.ruleId} is suppressed by an exception on the live state${why ? ` (${why})` : ''}`,
      };
    }
    if (step.resource.type === 'ec2:image' && !imageIds.has(resourceKey(step.resource))) {
      return { ok: false, reason: 'the image no longer exists (live re-evaluation)' };
    }
    return {
      ok: false,
      reason: `rule ${step.ruleIds.join(', ')} does not fail on the live state (re-evaluated ${now.toISOString()})`,
    };
  };
}
