import { ModifyImageAttributeCommand } from '@aws-sdk/client-ec2';
import { removeLaunchPermissions as meta } from '../../catalog/actions/remove-launch-permissions.js';
import {
  isPermission,
  permissionKey,
  permissionLabel,
  readLaunchPermissions,
  toSdkPermission,
} from '../live.js';
import { type ActionModule, type ParamsOf, type Permission, PlanError } from '../types.js';
import {
  type PermissionsState,
  type PermissionsUndo,
  readPermissionsState,
  undoRemoved,
} from './permissions-undo.js';

type RemoveParams = { principals: Permission[] };

/** The permissions in order, each identity once. */
function unique(perms: Permission[]): Permission[] {
  const seen = new Set<string>();
  return perms.filter((p) => !seen.has(permissionKey(p)) && seen.add(permissionKey(p)));
}

/** The identities of the launch permissions a before/after state holds. */
function liveKeys(state: PermissionsState | null): Set<string> {
  return new Set((state?.launchPermissions ?? []).map(permissionKey));
}

/**
 * Removes exactly the untrusted principals the finding names (evidence.untrustedPrincipals) that are
 * still present live; trusted shares are never touched because they are never named.
 */
export const removeLaunchPermissions: ActionModule<
  ParamsOf<typeof meta>,
  RemoveParams,
  PermissionsState,
  PermissionsUndo
> = {
  meta,
  plan(finding) {
    const named = finding.evidence.untrustedPrincipals;
    if (!Array.isArray(named) || named.length === 0) {
      throw new PlanError('the finding names no untrusted principals (evidence.untrustedPrincipals)');
    }
    const principals = named.filter(isPermission);
    if (principals.length !== named.length) {
      const bad = named.find((p) => !isPermission(p));
      throw new PlanError(`evidence.untrustedPrincipals holds a malformed entry: ${JSON.stringify(bad)}`);
    }
    return { principals: unique(principals) };
  },
  merge: (a, b) => ({ principals: unique([...a.principals, ...b.principals]) }),
  describe: (params) => params.principals.map(permissionLabel).join(' '),
  read: readPermissionsState,
  done(step, before) {
    const live = liveKeys(before);
    return !step.params.principals.some((p) => live.has(permissionKey(p)));
  },
  async apply(ctx, step, before) {
    const live = liveKeys(before);
    const remove = step.params.principals.filter((p) => live.has(permissionKey(p)));
    await ctx.pace();
    await ctx.ec2.send(
      new ModifyImageAttributeCommand({
        ImageId: step.resource.id,
        LaunchPermission: { Remove: remove.map(toSdkPermission) },
      }),
    );
    const after = { launchPermissions: await readLaunchPermissions(ctx.ec2, step.resource.id) };
    const left = liveKeys(after);
    const still = remove.filter((p) => left.has(permissionKey(p)));
    if (still.length > 0) throw new Error(`still shared with ${still.map(permissionLabel).join(', ')}`);
    return {
      result: `removed launch permissions: ${remove.map(permissionLabel).join(', ')}`,
      after,
      undo: removeLaunchPermissions.undoData(step, before),
    };
  },
  undoData(step, before) {
    const live = liveKeys(before);
    return { removed: step.params.principals.filter((p) => live.has(permissionKey(p))) };
  },
  undo: undoRemoved,
};
