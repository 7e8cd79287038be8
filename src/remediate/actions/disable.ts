import { DisableImageCommand, EnableImageCommand } from '@aws-sdk/client-ec2';
import { disable as meta } from '../../catalog/actions/disable.js';
import { describeImage, permissionLabel, readLaunchPermissions } from '../live.js';
import type { ActionModule, ParamsOf, Permission } from '../types.js';
import { addMissingPermissions } from './permissions-undo.js';

interface DisableState {
  state: string | null;
  launchPermissions: Permission[];
}

/**
 * DisableImage. AWS wipes every launch permission and EnableImage does not bring them back, so the
 * permissions are read live right before and saved as undo data.
 */
export const disable: ActionModule<
  ParamsOf<typeof meta>,
  Record<string, never>,
  DisableState,
  { launchPermissions: Permission[] }
> = {
  meta,
  plan: () => ({}),
  async read(ctx, step): Promise<DisableState> {
    const image = await describeImage(ctx.ec2, step.resource.id);
    const launchPermissions = image ? await readLaunchPermissions(ctx.ec2, step.resource.id) : [];
    return { state: image?.state ?? null, launchPermissions };
  },
  done: (_step, before) => before.state === 'disabled',
  async apply(ctx, step, before) {
    const saved = before.launchPermissions;
    await ctx.pace();
    await ctx.ec2.send(new DisableImageCommand({ ImageId: step.resource.id }));
    const image = await describeImage(ctx.ec2, step.resource.id);
    const shares = saved.length ? `; saved launch permissions: ${saved.map(permissionLabel).join(', ')}` : '';
    return {
      result: `disabled${shares}`,
      after: { state: image?.state ?? null },
      undo: disable.undoData(step, before),
    };
  },
  undoData: (_step, before) => ({
    launchPermissions: before?.launchPermissions ?? [],
  }),
  async undo(ctx, entry) {
    const id = entry.step.resource.id;
    const image = await describeImage(ctx.ec2, id);
    if (!image) throw new Error('the image no longer exists');
    const lines: string[] = [];
    if (image.state === 'disabled') {
      await ctx.pace();
      await ctx.ec2.send(new EnableImageCommand({ ImageId: id }));
      lines.push('re-enabled');
    } else {
      lines.push(`already ${image.state ?? 'enabled'}`);
    }
    const saved = entry.undo.launchPermissions;
    if (saved.length > 0) lines.push(await addMissingPermissions(ctx, id, saved));
    return lines.join('; ');
  },
};
