import { ModifyImageAttributeCommand } from '@aws-sdk/client-ec2';
import { permissionKey, permissionLabel, readLaunchPermissions, toSdkPermission } from '../live.js';
import type { Permission, PlanStep, StepContext, UndoInput } from '../types.js';

/** Before/after state of the sharing actions. */
export type PermissionsState = { launchPermissions: Permission[] };
/** What undo of a sharing action needs: the permissions it removed. */
export type PermissionsUndo = { removed: Permission[] };

/** Re-adds the given launch permissions that are not there now; returns a human line. */
export async function addMissingPermissions(
  ctx: StepContext,
  imageId: string,
  wanted: Permission[],
): Promise<string> {
  const live = new Set((await readLaunchPermissions(ctx.ec2, imageId)).map(permissionKey));
  const add = wanted.filter((p) => !live.has(permissionKey(p)));
  if (add.length === 0) return 'launch permissions already present';
  await ctx.pace();
  await ctx.ec2.send(
    new ModifyImageAttributeCommand({
      ImageId: imageId,
      LaunchPermission: { Add: add.map(toSdkPermission) },
    }),
  );
  return `re-added launch permissions: ${add.map(permissionLabel).join(', ')}`;
}

/** The sharing actions' read(): the image's live launch permissions. */
export async function readPermissionsState(
  ctx: StepContext,
  step: Pick<PlanStep, 'resource'>,
): Promise<PermissionsState> {
  return { launchPermissions: await readLaunchPermissions(ctx.ec2, step.resource.id) };
}

/** The sharing actions' undo(): re-adds the permissions the step removed (`undo.removed`). */
export function undoRemoved(
  ctx: StepContext,
  entry: UndoInput<object, PermissionsState, PermissionsUndo>,
): Promise<string> {
  return addMissingPermissions(ctx, entry.step.resource.id, entry.undo.removed);
}
