import { DeregisterImageCommand } from '@aws-sdk/client-ec2';
import { describeImage, type LiveImage } from '../live.js';
import { type ActionModule, PlanError, type SnapshotResult } from '../types.js';

/**
 * DeregisterImage, optionally with DeleteAssociatedSnapshots (per-snapshot results are journaled).
 * Irreversible unless a Recycle Bin retention rule covers the AMI; undo treats it as irreversible
 * because the installed clients cannot query rbin.
 */
export const deregister: ActionModule = {
  name: 'deregister',
  destructive: true,
  reversible: 'recycle-bin',
  iamActions: ['ec2:DeregisterImage', 'ec2:DeleteSnapshot'],
  iamFor: (params) =>
    params.deleteSnapshots === true ? ['ec2:DeregisterImage', 'ec2:DeleteSnapshot'] : ['ec2:DeregisterImage'],
  undoIamActions: [],
  resourceTypes: ['ec2:image'],
  // Snapshots are deleted only when every finding asks for it: deleting is the irreversible choice.
  merge: (a, b) => ({ deleteSnapshots: a.deleteSnapshots === true && b.deleteSnapshots === true }),
  plan(finding) {
    const v = finding.remediation?.params?.deleteSnapshots ?? false;
    if (typeof v !== 'boolean')
      throw new PlanError(`deregister: deleteSnapshots must be true or false, got ${JSON.stringify(v)}`);
    return { deleteSnapshots: v };
  },
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
    const kept = (before as LiveImage | null)?.snapshotIds ?? [];
    const snaps = deleteSnapshots
      ? `; snapshots: ${snapshotResults.map((r) => `${r.snapshotId} ${r.returnCode}`).join(', ') || 'none reported'}`
      : kept.length
        ? `; snapshots kept: ${kept.join(', ')}`
        : '';
    return { result: `deregistered${snaps}`, after: { deregistered: true }, snapshotResults };
  },
  undoData: () => null,
};
