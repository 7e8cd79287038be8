import { ModifyImageAttributeCommand } from '@aws-sdk/client-ec2';
import { makePrivate as meta } from '../../catalog/actions/make-private.js';
import { permissionKey, readLaunchPermissions, toSdkPermission } from '../live.js';
import type { ActionModule, ParamsOf, Permission } from '../types.js';
import {
  type PermissionsState,
  type PermissionsUndo,
  readPermissionsState,
  undoRemoved,
} from './permissions-undo.js';

const PUBLIC: Permission = { group: 'all' };

/** Removes the public (`Group: all`) launch permission and nothing else; account, org and OU shares stay. */
export const makePrivate: ActionModule<
  ParamsOf<typeof meta>,
  Record<string, never>,
  PermissionsState,
  PermissionsUndo
> = {
  meta,
  plan: () => ({}),
  read: readPermissionsState,
  done: (_step, before) => !before.launchPermissions.some((p) => p.group === 'all'),
  async apply(ctx, step, before) {
    await ctx.pace();
    await ctx.ec2.send(
      new ModifyImageAttributeCommand({
        ImageId: step.resource.id,
        LaunchPermission: { Remove: [toSdkPermission(PUBLIC)] },
      }),
    );
    const after = { launchPermissions: await readLaunchPermissions(ctx.ec2, step.resource.id) };
    if (after.launchPermissions.some((p) => permissionKey(p) === permissionKey(PUBLIC))) {
      throw new Error('the image is still public after ModifyImageAttribute');
    }
    return {
      result: 'removed public launch permission (all)',
      after,
      undo: makePrivate.undoData(step, before),
    };
  },
  undoData: (_step, before) => ({
    removed: before?.launchPermissions.some((p) => p.group === 'all') ? [PUBLIC] : [],
  }),
  undo: undoRemoved,
};
