import { describeError, errorCode } from '../aws/errors.js';
import { isRemediationAction } from '../catalog/action-registry.js';
import type { Resource } from '../findings/model.js';
import { neutralise } from '../neutralise.js';
import { ACTIONS } from './actions/index.js';
import type { Journal, ResultRecord, UndoStatus } from './journal.js';
import { describeImage, isPermission, permissionLabel } from './live.js';
import { mutationPacer } from './pacing.js';
import { type StepContext, UndoFailed, UndoRefused, type UsageContext } from './types.js';

/** What happened to one journal step during undo. */
export interface UndoOutcome {
  stepId: string;
  action: string;
  resource: Resource;
  status: UndoStatus | 'unknown-outcome';
  reason: string;
  /** True when this run wrote the record (false: listed from an earlier undo). */
  now: boolean;
}

export interface UndoOptions {
  clients: Pick<UsageContext, 'ec2'>;
  now?: () => Date;
  log?: (line: string) => void;
  pace?: (account: string, region: string) => Promise<void>;
}

const IRREVERSIBLE_REASON = 'this action cannot be undone by amiaudit';

/** The undo reason of a step whose image was deregistered since (by this run, another run or by hand). */
export const IMAGE_GONE = 'cannot be undone: the image no longer exists';

/** Error codes EC2 answers for an AMI that is deregistered or not there at all. */
const IMAGE_GONE_CODES = new Set(['InvalidAMIID.NotFound', 'InvalidAMIID.Unavailable']);

/**
 * Whether an undo failed because its image is gone. The error code alone is not trusted (Unavailable
 * also names images in a transient state): DescribeImages must confirm it, and a failed look-up is no proof.
 */
async function imageGone(ctx: StepContext, resource: Resource, err: unknown): Promise<boolean> {
  if (resource.type !== 'ec2:image' || !IMAGE_GONE_CODES.has(errorCode(err))) return false;
  try {
    return (await describeImage(ctx.ec2, resource.id)) === undefined;
  } catch {
    return false;
  }
}

/**
 * Reverts the applied, reversible steps of a journal in reverse order and appends an undo record
 * per step, so a second undo finds nothing left to do. Irreversible steps are recorded once and
 * listed every time; steps with an unknown outcome are listed, not touched.
 */
export async function undoJournal(journal: Journal, opts: UndoOptions): Promise<UndoOutcome[]> {
  const now = opts.now ?? (() => new Date());
  const pace = opts.pace ?? mutationPacer();
  const log = opts.log ?? (() => {});
  const states = journal.states();
  const order = new Map<string, number>();
  journal.records.forEach((r, i) => {
    if (r.type === 'result' && r.status === 'applied') order.set(r.stepId, i);
  });
  const outcomes: UndoOutcome[] = [];
  const applied: { result: ResultRecord; params: Record<string, unknown>; before: unknown }[] = [];
  for (const [stepId, s] of states) {
    if (s.kind === 'pending-intent') {
      outcomes.push({
        stepId,
        action: s.intent.action,
        resource: s.intent.resource,
        status: 'unknown-outcome',
        reason: 'the run stopped between intent and result: re-run remediate --apply to settle it, then undo',
        now: false,
      });
    } else if (s.kind === 'undone' && s.undo.status === 'irreversible') {
      outcomes.push({ ...pick(s.result), status: 'irreversible', reason: s.undo.reason, now: false });
    } else if (s.kind === 'result' && s.result.status === 'applied') {
      applied.push({ result: s.result, params: s.intent?.params ?? {}, before: s.intent?.before });
    }
  }
  applied.sort((a, b) => (order.get(b.result.stepId) ?? 0) - (order.get(a.result.stepId) ?? 0));

  for (const { result, params, before } of applied) {
    const name = isRemediationAction(result.action) ? result.action : undefined;
    const action = name === undefined ? undefined : ACTIONS[name];
    const write = (status: UndoStatus, reason: string): void => {
      journal.append({ type: 'undo', stepId: result.stepId, at: new Date().toISOString(), status, reason });
      outcomes.push({ ...pick(result), status, reason, now: true });
      // The journal is a file on disk: its ids, regions and action names are neutralised with the line.
      log(
        neutralise(
          `${status.padEnd(12)} ${result.action} ${result.resource.id} (${result.resource.account}/${result.resource.region}): ${reason}`,
        ),
      );
    };
    if (name === undefined || !action?.undo) {
      write('irreversible', action ? IRREVERSIBLE_REASON : `unknown action ${result.action}`);
      continue;
    }
    const { account, region } = result.resource;
    const ctx: StepContext = {
      ec2: opts.clients.ec2(account, region),
      pace: () => pace(account, region),
      now: now(),
    };
    try {
      const line = await action.undo(ctx, {
        step: { id: result.stepId, action: name, resource: result.resource, params },
        before,
        after: result.after,
        undo: result.undo,
      });
      write('undone', line);
    } catch (err) {
      if (err instanceof UndoRefused) write('irreversible', err.message);
      // Gone is final: a failure would be retried (and fail) by every later undo, which never converges.
      else if (name !== 'deregister' && (await imageGone(ctx, result.resource, err)))
        write('irreversible', IMAGE_GONE);
      else write('failed', err instanceof UndoFailed ? err.message : describeError(err));
    }
  }
  return outcomes;
}

/** Undo data fields that hold the launch permissions an undo re-adds, per action. */
const RESHARED: Record<string, string> = {
  'make-private': 'removed',
  'remove-launch-permissions': 'removed',
  disable: 'launchPermissions',
};

/**
 * One warning line per applied step whose undo would re-share an AMI: publicly (`Group: all`) or
 * with another account, organization or OU. Printed before undo asks for confirmation, since undo
 * of a sharing fix re-opens exactly what the finding flagged.
 */
export function reExposureWarnings(journal: Pick<Journal, 'states'>): string[] {
  const lines: string[] = [];
  for (const s of journal.states().values()) {
    if (s.kind !== 'result' || s.result.status !== 'applied') continue;
    const field = RESHARED[s.result.action];
    const perms = field ? (s.result.undo as Record<string, unknown> | undefined)?.[field] : undefined;
    if (!Array.isArray(perms) || perms.length === 0) continue;
    const valid = perms.filter(isPermission);
    const isPublic = valid.some((p) => p.group === 'all');
    const others = valid.filter((p) => p.group !== 'all').map(permissionLabel);
    const what = [
      ...(isPublic ? ['PUBLIC again (launch permission: all)'] : []),
      ...(others.length ? [`shared again with ${others.join(', ')}`] : []),
    ].join(' and ');
    const { id, account, region } = s.result.resource;
    lines.push(neutralise(`warning: undo of ${s.result.action} makes ${id} (${account}/${region}) ${what}`));
  }
  return lines;
}

function pick(r: ResultRecord): { stepId: string; action: string; resource: Resource } {
  return { stepId: r.stepId, action: r.action, resource: r.resource };
}
