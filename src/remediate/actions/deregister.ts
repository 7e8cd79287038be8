import {
  DeregisterImageCommand,
  type EC2Client,
  ListImagesInRecycleBinCommand,
  RestoreImageFromRecycleBinCommand,
} from '@aws-sdk/client-ec2';
import { deregister as meta } from '../../catalog/actions/deregister.js';
import { describeImage, type LiveImage } from '../live.js';
import { type ActionModule, type ParamsOf, type SnapshotResult, UndoRefused } from '../types.js';

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
type DeregisterUndo = { recycleBin: RecycleBinEntry } | null | undefined;

/** The journaled Recycle Bin entry (journals are files a user can edit: every field is checked). */
function recorded(undo: unknown): RecycleBinEntry | undefined {
  const bin = (undo as { recycleBin?: Partial<RecycleBinEntry> } | null | undefined)?.recycleBin;
  return typeof bin?.enterTime === 'string' && typeof bin.exitTime === 'string'
    ? { enterTime: bin.enterTime, exitTime: bin.exitTime }
    : undefined;
}

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
    // The deregistration is done either way: a failed look-up only costs the undo, so it is not an error.
    const recycleBin = await recycleBinEntry(ctx.ec2, step.resource.id).catch(() => undefined);
    const kept = before?.snapshotIds ?? [];
    const snaps = deleteSnapshots
      ? `; snapshots: ${snapshotResults.map((r) => `${r.snapshotId} ${r.returnCode}`).join(', ') || 'none reported'}`
      : kept.length
        ? `; snapshots kept: ${kept.join(', ')}`
        : '';
    const bin = recycleBin ? `; in the Recycle Bin until ${recycleBin.exitTime}` : '; not in the Recycle Bin';
    return {
      result: `deregistered${bin}${snaps}`,
      after: recycleBin ? { deregistered: true, recycleBin } : { deregistered: true },
      undo: recycleBin ? { recycleBin } : undefined,
      snapshotResults,
    };
  },
  // A crashed run found deregistered on re-check: whether the bin kept it was never observed.
  undoData: () => null,
  async undo(ctx, { step, undo }) {
    const recordedBin = recorded(undo);
    if (!recordedBin) throw new UndoRefused(NOT_IN_RECYCLE_BIN);
    if (Date.parse(recordedBin.exitTime) <= ctx.now.getTime()) {
      throw new UndoRefused(`cannot be undone: its Recycle Bin retention ended at ${recordedBin.exitTime}`);
    }
    const id = step.resource.id;
    // A failed look-up throws: the undo is recorded as failed and tried again by the next undo.
    if (!(await recycleBinEntry(ctx.ec2, id))) {
      if (await describeImage(ctx.ec2, id)) return 'already registered again (restored outside amiaudit)';
      throw new UndoRefused(
        'cannot be undone: no longer in the Recycle Bin (deleted from it or restored elsewhere)',
      );
    }
    await ctx.pace();
    await ctx.ec2.send(new RestoreImageFromRecycleBinCommand({ ImageId: id }));
    return step.params.deleteSnapshots === true
      ? 'restored from the Recycle Bin; its snapshots were deleted with it, so it launches only if a snapshot retention rule kept them (restore those with ec2:RestoreSnapshotFromRecycleBin)'
      : 'restored from the Recycle Bin';
  },
};
