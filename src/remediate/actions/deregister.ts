import {
  DeregisterImageCommand,
  type EC2Client,
  ListImagesInRecycleBinCommand,
  RestoreImageFromRecycleBinCommand,
} from '@aws-sdk/client-ec2';
import { describeError } from '../../aws/errors.js';
import { deregister as meta } from '../../catalog/actions/deregister.js';
import { describeImage, type LiveImage } from '../live.js';
import { type ActionModule, type ParamsOf, type SnapshotResult, UndoFailed, UndoRefused } from '../types.js';

/** Where a Recycle Bin retention rule keeps a deregistered AMI (journaled in `after` and `undo`). */
export interface RecycleBinEntry {
  enterTime: string;
  exitTime: string;
}

/** The undo reason of a deregistration no Recycle Bin rule retained. */
export const NOT_IN_RECYCLE_BIN = 'cannot be undone: deregistered and not in the Recycle Bin';

/** The AMI's Recycle Bin entry, or undefined when no retention rule kept it. */
export async function recycleBinEntry(ec2: EC2Client, imageId: string): Promise<RecycleBinEntry | undefined> {
  const out = await ec2.send(new ListImagesInRecycleBinCommand({ ImageIds: [imageId] }));
  const hit = out.Images?.find((i) => i.ImageId === imageId);
  if (!hit?.RecycleBinEnterTime || !hit.RecycleBinExitTime) return undefined;
  return { enterTime: hit.RecycleBinEnterTime.toISOString(), exitTime: hit.RecycleBinExitTime.toISOString() };
}

type DeregisterParams = { deleteSnapshots: boolean };
/**
 * What undo needs: the Recycle Bin entry seen right after the deregistration, `'unknown'` when it
 * could not be looked up (with the error), or absent when the look-up found no entry.
 */
type DeregisterUndo =
  | { recycleBin: RecycleBinEntry }
  | { recycleBin: 'unknown'; error?: string }
  | null
  | undefined;

/** The Recycle Bin status journaled at apply. */
type RecordedBin = RecycleBinEntry | 'unknown' | 'none';

/**
 * The journaled Recycle Bin status (journals are files a user can edit: every field is checked).
 * `null` is what a run recovered after a crash journaled before 0.2: the bin was never looked at, so it is unknown too.
 */
function recorded(undo: unknown): RecordedBin {
  if (undo === null) return 'unknown';
  const bin = (undo as { recycleBin?: Partial<RecycleBinEntry> | string } | undefined)?.recycleBin;
  if (bin === 'unknown') return 'unknown';
  if (typeof bin === 'object' && typeof bin?.enterTime === 'string' && typeof bin.exitTime === 'string')
    return { enterTime: bin.enterTime, exitTime: bin.exitTime };
  return 'none';
}

/** Undo's words for a status that was unknown at apply, so no message claims more than was seen. */
const WAS_UNKNOWN = 'its Recycle Bin status was unknown when it was deregistered';

/**
 * DeregisterImage, optionally with DeleteAssociatedSnapshots (per-snapshot results are journaled).
 * Reversible only while a Recycle Bin retention rule keeps the AMI: apply asks ListImagesInRecycleBin
 * right after, and undo restores it with RestoreImageFromRecycleBin until the recorded exit time.
 */
export const deregister: ActionModule<
  ParamsOf<typeof meta>,
  DeregisterParams,
  LiveImage | null,
  DeregisterUndo
> = {
  meta,
  iamFor: (params) => [
    'ec2:DeregisterImage',
    ...(params.deleteSnapshots ? ['ec2:DeleteSnapshot'] : []),
    'ec2:ListImagesInRecycleBin',
  ],
  // Snapshots are deleted only when every finding asks for it: deleting is the irreversible choice.
  merge: (a, b) => ({ deleteSnapshots: a.deleteSnapshots && b.deleteSnapshots }),
  plan: (_finding, params) => ({ deleteSnapshots: params.deleteSnapshots ?? false }),
  describe: (params) => (params.deleteSnapshots ? 'delete snapshots' : 'keep snapshots'),
  read: (ctx, step) => describeImage(ctx.ec2, step.resource.id).then((i) => i ?? null),
  done: (_step, before) => before === null,
  async apply(ctx, step, before) {
    const deleteSnapshots = step.params.deleteSnapshots === true;
    await ctx.pace();
    const out = await ctx.ec2.send(
      new DeregisterImageCommand({
        ImageId: step.resource.id,
        DeleteAssociatedSnapshots: deleteSnapshots || undefined,
      }),
    );
    const snapshotResults: SnapshotResult[] = (out.DeleteSnapshotResults ?? []).map((r) => ({
      snapshotId: r.SnapshotId ?? '?',
      returnCode: r.ReturnCode ?? 'unknown',
    }));
    // The deregistration is done either way: a failed look-up is not an error of the step, but it is
    // not "not in the bin" either (an endpoint without the API, AccessDenied): the status is unknown.
    let lookupError: string | undefined;
    const recycleBin = await recycleBinEntry(ctx.ec2, step.resource.id).catch((err: unknown) => {
      lookupError = describeError(err);
      return undefined;
    });
    const kept = before?.snapshotIds ?? [];
    const snaps = deleteSnapshots
      ? `; snapshots: ${snapshotResults.map((r) => `${r.snapshotId} ${r.returnCode}`).join(', ') || 'none reported'}`
      : kept.length
        ? `; snapshots kept: ${kept.join(', ')}`
        : '';
    if (lookupError !== undefined) {
      return {
        result: `deregistered; Recycle Bin status unknown (ListImagesInRecycleBin failed: ${lookupError}); undo will look in the Recycle Bin${snaps}`,
        after: { deregistered: true, recycleBin: 'unknown', recycleBinError: lookupError },
        undo: { recycleBin: 'unknown', error: lookupError },
        snapshotResults,
      };
    }
    const bin = recycleBin ? `; in the Recycle Bin until ${recycleBin.exitTime}` : '; not in the Recycle Bin';
    return {
      result: `deregistered${bin}${snaps}`,
      after: recycleBin ? { deregistered: true, recycleBin } : { deregistered: true },
      undo: recycleBin ? { recycleBin } : undefined,
      snapshotResults,
    };
  },
  // A crashed run found deregistered on re-check: whether the bin kept it was never observed.
  undoData: () => ({ recycleBin: 'unknown' }),
  async undo(ctx, { step, undo }) {
    const recordedBin = recorded(undo);
    if (recordedBin === 'none') throw new UndoRefused(NOT_IN_RECYCLE_BIN);
    const unknown = recordedBin === 'unknown';
    if (!unknown && Date.parse(recordedBin.exitTime) <= ctx.now.getTime()) {
      throw new UndoRefused(`cannot be undone: its Recycle Bin retention ended at ${recordedBin.exitTime}`);
    }
    const id = step.resource.id;
    // A failed look-up throws: the undo is recorded as failed and tried again by the next undo (never
    // "irreversible": the image may well be in the bin).
    let entry: RecycleBinEntry | undefined;
    try {
      entry = await recycleBinEntry(ctx.ec2, id);
    } catch (err) {
      if (!unknown) throw err;
      throw new UndoFailed(
        `${WAS_UNKNOWN} and is still unknown: ListImagesInRecycleBin failed: ${describeError(err)}`,
      );
    }
    if (!entry) {
      if (await describeImage(ctx.ec2, id)) return 'already registered again (restored outside amiaudit)';
      throw new UndoRefused(
        unknown
          ? `cannot be undone: ${WAS_UNKNOWN}, and it is not in the Recycle Bin now`
          : 'cannot be undone: no longer in the Recycle Bin (deleted from it or restored elsewhere)',
      );
    }
    await ctx.pace();
    await ctx.ec2.send(new RestoreImageFromRecycleBinCommand({ ImageId: id }));
    const restored = unknown
      ? `${WAS_UNKNOWN}; found it in the Recycle Bin (until ${entry.exitTime}) and restored it`
      : 'restored from the Recycle Bin';
    return step.params.deleteSnapshots === true
      ? `${restored}; its snapshots were deleted with it, so it launches only if a snapshot retention rule kept them (restore those with ec2:RestoreSnapshotFromRecycleBin)`
      : restored;
  },
};
