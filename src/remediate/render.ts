import type { Reversibility } from '../catalog/terms.js';
import { neutralise } from '../neutralise.js';
import { ACTIONS } from './actions/index.js';
import type { StepOutcome } from './executor.js';
import { clip, evidenceLabel, table } from './text.js';
import type { Plan, PlanStep } from './types.js';
import type { UndoOutcome } from './undo.js';

/** "yes" / "no" / "no (unless Recycle Bin)". */
export function reversibleLabel(r: Reversibility): string {
  return r === 'recycle-bin' ? 'only if a Recycle Bin rule retains it' : r ? 'yes' : 'no';
}

function paramsLabel(step: PlanStep): string {
  return ACTIONS[step.action].describe?.(step.params) ?? '';
}

function stepRow(step: PlanStep, n: number): string[] {
  return [
    String(n),
    step.action,
    step.resource.id,
    clip(step.resource.name ?? '', 32),
    `${step.resource.account}/${step.resource.region}`,
    step.ruleIds.join(','),
    step.destructive ? 'yes' : 'no',
    reversibleLabel(step.reversible),
    clip(paramsLabel(step), 60),
    step.iamActions.join(' '),
  ];
}

const HEADER = [
  '#',
  'action',
  'resource',
  'name',
  'account/region',
  'rule',
  'destructive',
  'reversible',
  'params',
  'IAM actions',
];

/** The plan as text tables plus totals (stdout of `remediate` without --apply). */
export function renderPlan(plan: Plan, applying: boolean): string {
  const out: string[] = [];
  out.push(
    plan.steps.length
      ? `Plan for findings run ${neutralise(plan.findingsRunId)}: ${plan.steps.length} step(s) in this run\n\n${table(
          HEADER,
          plan.steps.map((s, i) => stepRow(s, i + 1)),
        )}`
      : `Plan for findings run ${neutralise(plan.findingsRunId)}: nothing to do in this run`,
  );
  if (plan.deferred.length) {
    out.push(
      `Not in this run (cap --max-actions ${plan.maxActions}; an estimate: steps skipped by a safety check do not count, so the run may reach some of these): ${plan.deferred.length} step(s)\n\n${table(
        HEADER,
        plan.deferred.map((s, i) => stepRow(s, plan.steps.length + i + 1)),
      )}`,
    );
  }
  if (plan.done.length) {
    out.push(
      `Already applied according to the journal (not repeated): ${plan.done.length}\n\n${table(
        ['action', 'resource', 'account/region', 'rule'],
        plan.done.map((s) => [
          s.action,
          s.resource.id,
          `${s.resource.account}/${s.resource.region}`,
          s.ruleIds.join(','),
        ]),
      )}`,
    );
  }
  if (plan.superseded.length) {
    out.push(
      `Dropped, superseded by a deregistration of the same image (deregister supersedes deprecate, disable and tag; their undo could never succeed on a deregistered image): ${plan.superseded.length} step(s)\n\n${table(
        ['action', 'resource', 'account/region', 'rule', 'superseded by'],
        plan.superseded.map(({ step: s }) => [
          s.action,
          s.resource.id,
          `${s.resource.account}/${s.resource.region}`,
          s.ruleIds.join(','),
          'deregister',
        ]),
      )}`,
    );
  }
  if (plan.refused.length) {
    out.push(
      `Refused: ${plan.refused.length} finding(s) whose remediation the loaded rules do not confirm (findings.json is evidence, not instructions; was it edited, or made with other rules?)\n\n${table(
        ['resource', 'account/region', 'rule', 'action', 'why'],
        plan.refused.map((u) => [
          u.resource.id,
          `${u.resource.account}/${u.resource.region}`,
          u.ruleId,
          u.action ?? '',
          clip(u.reason, 200),
        ]),
      )}`,
    );
  }
  if (plan.unplanned.length) {
    out.push(
      `Not planned: ${plan.unplanned.length} finding(s)\n\n${table(
        ['resource', 'account/region', 'rule', 'action', 'why'],
        plan.unplanned.map((u) => [
          u.resource.id,
          `${u.resource.account}/${u.resource.region}`,
          u.ruleId,
          u.action ?? '',
          u.reason,
        ]),
      )}`,
    );
  }
  const destructive = plan.steps.filter((s) => s.destructive).length;
  const irreversible = plan.steps.filter((s) => s.reversible !== true).length;
  out.push(
    `Totals: ${plan.steps.length} in this run (${destructive} destructive, ${irreversible} irreversible), ` +
      `${plan.deferred.length} deferred by the cap, ${plan.done.length} already applied, ` +
      (plan.superseded.length ? `${plan.superseded.length} superseded by a deregistration, ` : '') +
      `${plan.unplanned.length} not planned, ` +
      `${plan.counts.withoutRemediation} finding(s) without a remediation, ${plan.counts.filteredOut} filtered out.`,
  );
  if (plan.steps.length) out.push(`IAM actions these steps need: ${planIam(plan).join(' ')}`);
  if (!applying && plan.steps.length)
    out.push('Dry run: nothing was changed. Run again with --apply to execute this plan.');
  return `${out.join('\n\n')}\n`;
}

/** The union of the IAM actions the run's steps (estimate) need, sorted. */
function planIam(plan: Plan): string[] {
  return [...new Set(plan.steps.flatMap((s) => s.iamActions))].sort();
}

function stepJson(s: PlanStep) {
  return {
    id: s.id,
    findingId: s.findingId,
    ruleId: s.ruleId,
    findingIds: s.findingIds,
    ruleIds: s.ruleIds,
    action: s.action,
    resource: s.resource,
    params: s.params,
    destructive: s.destructive,
    reversible: s.reversible,
    iamActions: s.iamActions,
  };
}

/** The plan as a JSON document (`--format json`). */
export function planJson(plan: Plan): Record<string, unknown> {
  return {
    findingsRunId: plan.findingsRunId,
    maxActions: plan.maxActions,
    steps: plan.steps.map(stepJson),
    deferred: plan.deferred.map(stepJson),
    done: plan.done.map(stepJson),
    superseded: plan.superseded.map(({ step, by, reason }) => ({
      ...stepJson(step),
      supersededBy: by,
      reason,
    })),
    unplanned: plan.unplanned,
    refused: plan.refused,
    counts: plan.counts,
    iamActions: planIam(plan),
  };
}

/** The final per-step table of an apply run (Image Builder-style execution log); `notReached` = steps left by the cap. */
export function renderOutcomes(
  outcomes: StepOutcome[],
  journalPath: string,
  notReached = 0,
  maxActions?: number,
): string {
  const rows = outcomes.map((o) => [
    o.status.toUpperCase(),
    o.step.action,
    o.step.resource.id,
    `${o.step.resource.account}/${o.step.resource.region}`,
    clip(
      (o.status === 'applied' ? (o.result ?? '') : (o.reason ?? '')) +
        (o.recovered ? ' (recovered)' : '') +
        evidenceLabel(o.evidence),
      200,
    ),
  ]);
  const count = (s: string) => outcomes.filter((o) => o.status === s).length;
  const snaps = outcomes.flatMap((o) =>
    (o.snapshotResults ?? []).map((r) => [o.step.resource.id, r.snapshotId, r.returnCode]),
  );
  const parts = [table(['status', 'action', 'resource', 'account/region', 'result / reason'], rows)];
  if (snaps.length) parts.push(`Snapshots\n\n${table(['image', 'snapshot', 'result'], snaps)}`);
  const cap = notReached
    ? `, ${notReached} not reached (cap --max-actions ${maxActions ?? '?'} on steps acted on; run again to continue)`
    : '';
  parts.push(
    `Applied ${count('applied')}, skipped ${count('skipped')}, failed ${count('failed')}${cap}. Journal: ${neutralise(journalPath)}`,
  );
  return `${parts.join('\n\n')}\n`;
}

/** The undo summary table. */
export function renderUndo(outcomes: UndoOutcome[], journalPath: string): string {
  if (outcomes.length === 0) return `Nothing to undo in ${neutralise(journalPath)}.\n`;
  const rows = outcomes.map((o) => [
    o.status.toUpperCase() + (o.now ? '' : ' (earlier)'),
    o.action,
    o.resource.id,
    `${o.resource.account}/${o.resource.region}`,
    clip(o.reason, 160),
  ]);
  const count = (s: string) => outcomes.filter((o) => o.status === s && o.now).length;
  const cannot = outcomes.filter((o) => o.status === 'irreversible' || o.status === 'unknown-outcome').length;
  // Only records of earlier undo runs: a converged journal says so first, so a re-run reads as done.
  const settled = outcomes.every((o) => !o.now && o.status !== 'unknown-outcome')
    ? 'Nothing left to undo: every applied step was undone or cannot be undone (listed below).\n\n'
    : '';
  return `${settled}${table(['status', 'action', 'resource', 'account/region', 'detail'], rows)}\n\nUndone ${count('undone')}, failed ${count('failed')}, cannot be undone ${cannot}. Journal: ${neutralise(journalPath)}\n`;
}
