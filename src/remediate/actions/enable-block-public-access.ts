import {
  DisableImageBlockPublicAccessCommand,
  EnableImageBlockPublicAccessCommand,
  GetImageBlockPublicAccessStateCommand,
} from '@aws-sdk/client-ec2';
import { enableBlockPublicAccess as meta } from '../../catalog/actions/enable-block-public-access.js';
import type { ActionModule, ParamsOf } from '../types.js';

interface BpaState {
  state: string | null;
  managedBy: string | null;
}

/** Turns on AMI block public access (block-new-sharing) for an account-region. Existing public AMIs stay public. */
export const enableBlockPublicAccess: ActionModule<
  ParamsOf<typeof meta>,
  Record<string, never>,
  BpaState,
  { previousState: string | null }
> = {
  meta,
  plan: () => ({}),
  async read(ctx): Promise<BpaState> {
    const out = await ctx.ec2.send(new GetImageBlockPublicAccessStateCommand({}));
    return { state: out.ImageBlockPublicAccessState ?? null, managedBy: out.ManagedBy ?? null };
  },
  done: (_step, before) => before.state === 'block-new-sharing',
  async apply(ctx, _step, before) {
    const { managedBy } = before;
    if (managedBy === 'declarative-policy') {
      throw new Error('the setting is managed by an Organizations declarative policy; change it there');
    }
    await ctx.pace();
    const out = await ctx.ec2.send(
      new EnableImageBlockPublicAccessCommand({ ImageBlockPublicAccessState: 'block-new-sharing' }),
    );
    const state = out.ImageBlockPublicAccessState ?? 'block-new-sharing';
    return {
      // AWS may take up to 10 minutes to report the new state everywhere.
      result: `image block public access: ${before.state ?? 'unknown'} → ${state}`,
      after: { state, managedBy },
      undo: enableBlockPublicAccess.undoData(_step, before),
    };
  },
  undoData: (_step, before) => ({ previousState: before?.state ?? null }),
  async undo(ctx, entry) {
    const previous = entry.undo.previousState;
    if (previous !== 'unblocked') return `left on: it was ${previous ?? 'unknown'} before`;
    await ctx.pace();
    await ctx.ec2.send(new DisableImageBlockPublicAccessCommand({}));
    return 'image block public access turned off again (it was unblocked before)';
  },
};
