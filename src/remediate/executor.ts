import { describeError } from '../aws/errors.js';
import { neutralise } from '../neutralise.js';
import { ACTIONS } from './actions/index.js';
import type { Journal, ResultRecord, ResultStatus } from './journal.js';
import type { LiveCheck } from './live-verdict.js';
import { mutationPacer } from './pacing.js';
import { regionChecker } from './regions.js';
import { checkSafety, type SafetyOptions } from './safety.js';
import { evidenceLabel } from './text.js';
import type { Plan, PlanStep, SnapshotResult, StepContext, UsageContext } from './types.js';

/** The outcome of one step of this run. */
export interface StepOutcome {
  step: PlanStep;
  status: ResultStatus;
  reason?: string;
  result?: string;
  snapshotResults?: SnapshotResult[];
  /** Settled by re-checking live state after an interrupted run. */
  recovered?: boolean;
  evidence?: Record<string, unknown>;
}

export interface ExecuteOptions {
  journal: Journal;
  /** Id of this apply run (journal records carry it). */
  runId: string;
  clients: UsageContext;
  safety: Omit<SafetyOptions, 'usage'>;
  now?: () => Date;
  /** Per-step progress lines (stderr in the CLI). */
  log?: (line: string) => void;
  pace?: (account: string, region: string) => Promise<void>;
  /**
   * The live re-evaluation of the steps' rules (remediate always passes it): a step whose rule no longer
   * fails on the live state is skipped, and a confirmed step runs with the parameters planned from the
   * live finding, so findings.json chooses neither the target nor the action.
   */
  live?: LiveCheck;
}

function where(step: PlanStep): string {
  return `${step.resource.account}/${step.resource.region}`;
}

/** Whether a step's outcome counts against --max-actions: it changed something, or tried and failed. */
export function actedOn(o: StepOutcome): boolean {
  return o.status === 'failed' || (o.status === 'applied' && !o.recovered);
}

/**
 * Applies a plan step by step (mutations paced per account-region), journaling an intent before
 * every mutation and a result after every step. Steps the journal shows applied are not in the
 * plan; a step whose intent has no result (a crashed run) is re-checked live first.
 * `plan.maxActions` caps the steps acted on (applied or failed): skipped steps do not use it up, so
 * the run walks on into `plan.deferred` and a re-run makes progress. Steps never reached get no
 * outcome (and no journal record).
 */
export async function executePlan(plan: Plan, opts: ExecuteOptions): Promise<StepOutcome[]> {
  const now = opts.now ?? (() => new Date());
  const pace = opts.pace ?? mutationPacer();
  const log = opts.log ?? (() => {});
  const safety: Omit<SafetyOptions, 'usage'> = {
    regionEnabled: regionChecker(opts.clients),
    ...opts.safety,
  };
  const outcomes: StepOutcome[] = [];
  const queue = [...plan.steps, ...plan.deferred];
  const total = queue.length;
  let acted = 0;
  for (const [i, step] of queue.entries()) {
    if (acted >= plan.maxActions) break;
    const outcome = await runStep(step, { ...opts, safety }, pace, now());
    outcomes.push(outcome);
    if (actedOn(outcome)) acted++;
    const text = outcome.status === 'applied' ? outcome.result : outcome.reason;
    // The whole line is neutralised: ids, regions and reasons come from findings.json and AWS.
    log(
      neutralise(
        `[${i + 1}/${total}] ${outcome.status.padEnd(7)} ${step.action} ${step.resource.id} (${where(step)}): ${text ?? ''}${outcome.recovered ? ' (recovered)' : ''}${evidenceLabel(outcome.evidence)}`,
      ),
    );
  }
  return outcomes;
}

async function runStep(
  planned: PlanStep,
  opts: ExecuteOptions,
  pace: (account: string, region: string) => Promise<void>,
  now: Date,
): Promise<StepOutcome> {
  // Replaced by the live re-evaluation's step (same id, resource and action) once it confirms the step.
  let step = planned;
  const { journal, runId } = opts;
  const action = ACTIONS[step.action];
  const ctx: StepContext = {
    ec2: opts.clients.ec2(step.resource.account, step.resource.region),
    pace: () => pace(step.resource.account, step.resource.region),
    now,
  };
  const record = (
    o: Omit<ResultRecord, 'type' | 'stepId' | 'runId' | 'at' | 'action' | 'resource'>,
  ): StepOutcome => {
    journal.append({
      type: 'result',
      stepId: step.id,
      runId,
      at: new Date().toISOString(),
      action: step.action,
      resource: step.resource,
      ...o,
    });
    return {
      step,
      status: o.status,
      reason: o.reason,
      result: o.result,
      snapshotResults: o.snapshotResults,
      recovered: o.recovered,
      evidence: o.evidence,
    };
  };

  const prior = journal.states().get(step.id);
  const unsettled =
    prior?.kind === 'pending-intent'
      ? prior.intent
      : prior?.kind === 'result' && prior.result.status === 'failed'
        ? prior.intent
        : undefined;
  if (unsettled) {
    // An earlier run crashed (or a call failed ambiguously) after its intent: the live state says what happened.
    try {
      const live = await action.read(ctx, step);
      if (action.done(step, live)) {
        return record({
          status: 'applied',
          recovered: true,
          result: 'found in the target state on re-check after an interrupted run',
          after: live,
          undo: action.undoData(step, unsettled.before),
        });
      }
    } catch {
      // Fall through: the ordinary checks below decide, and report any doubt.
    }
  }

  if (opts.live) {
    const confirmed = opts.live(step);
    if (!confirmed.ok) return record({ status: 'skipped', reason: confirmed.reason });
    step = confirmed.step;
  }

  const verdict = await checkSafety(step, ctx, { ...opts.safety, usage: opts.clients });
  const evidence = verdict.evidence ? { evidence: verdict.evidence } : {};
  if (!verdict.ok) return record({ status: 'skipped', reason: verdict.reason, ...evidence });

  let before: unknown;
  try {
    before = await action.read(ctx, step);
  } catch (err) {
    return record({
      status: 'skipped',
      reason: `cannot read live state: ${describeError(err)}`,
      ...evidence,
    });
  }
  if (action.done(step, before))
    return record({ status: 'skipped', reason: 'already in the target state', after: before, ...evidence });

  journal.intent(step, runId, before);
  try {
    const out = await action.apply(ctx, step, before);
    return record({
      status: 'applied',
      result: out.result,
      after: out.after,
      undo: out.undo,
      ...(out.snapshotResults?.length ? { snapshotResults: out.snapshotResults } : {}),
      ...evidence,
    });
  } catch (err) {
    return record({ status: 'failed', reason: describeError(err), ...evidence });
  }
}
