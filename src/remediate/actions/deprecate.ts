import { DisableImageDeprecationCommand, EnableImageDeprecationCommand } from '@aws-sdk/client-ec2';
import type { Static } from '@sinclair/typebox';
import { deprecate as meta } from '../../catalog/actions/deprecate.js';
import { DAY_MS } from '../../time.js';
import { describeImage } from '../live.js';
import { type ActionModule, type ParamsOf, PlanError } from '../types.js';

const MINUTE_MS = 60_000;
/** EnableImageDeprecation refuses dates more than 10 years ahead. */
const MAX_AHEAD_MS = 10 * 365 * DAY_MS;

type DeprecationState = { deprecationTime: string | null };
type DeprecateParams = { deprecateAt: string };

/**
 * The deprecation instant: `at`, or now + inDays (inDays 0 = the next whole minute + 1, since AWS refuses
 * past dates). The catalog schema has checked the params' shape; only what depends on `now` is left.
 */
export function deprecateAt(params: Static<typeof meta.params>, now: Date): string {
  const { inDays, at } = params;
  if (at !== undefined) {
    const t = Date.parse(at);
    if (t <= now.getTime()) throw new PlanError(`deprecate: at ${at} is in the past`);
    if (t - now.getTime() > MAX_AHEAD_MS)
      throw new PlanError(`deprecate: at ${at} is more than 10 years ahead`);
    return new Date(t).toISOString();
  }
  const days = inDays ?? 0;
  const base =
    days === 0 ? Math.ceil(now.getTime() / MINUTE_MS) * MINUTE_MS + MINUTE_MS : now.getTime() + days * DAY_MS;
  return new Date(base).toISOString();
}

/** Schedules EnableImageDeprecation; never postpones an earlier deprecation already set. */
export const deprecate: ActionModule<
  ParamsOf<typeof meta>,
  DeprecateParams,
  DeprecationState,
  { previousDeprecationTime: string | null }
> = {
  meta,
  plan: (_finding, params, now) => ({ deprecateAt: deprecateAt(params, now) }),
  // The stricter rule wins: a later date would silently loosen an earlier one.
  merge: (a, b) => (Date.parse(b.deprecateAt) < Date.parse(a.deprecateAt) ? { ...b } : { ...a }),
  describe: (params) => `at ${params.deprecateAt}`,
  async read(ctx, step): Promise<DeprecationState> {
    const image = await describeImage(ctx.ec2, step.resource.id);
    return { deprecationTime: image?.deprecationTime ?? null };
  },
  done(step, before) {
    const current = before.deprecationTime;
    // AWS rounds DeprecateAt to the minute; an equal-or-earlier deprecation already satisfies the step.
    return current !== null && Date.parse(current) <= Date.parse(step.params.deprecateAt) + MINUTE_MS;
  },
  async apply(ctx, step, before) {
    const at = step.params.deprecateAt;
    await ctx.pace();
    await ctx.ec2.send(
      new EnableImageDeprecationCommand({ ImageId: step.resource.id, DeprecateAt: new Date(at) }),
    );
    const image = await describeImage(ctx.ec2, step.resource.id);
    return {
      result: `deprecation set to ${image?.deprecationTime ?? at}`,
      after: { deprecationTime: image?.deprecationTime ?? null },
      undo: deprecate.undoData(step, before),
    };
  },
  undoData: (_step, before) => ({
    previousDeprecationTime: before?.deprecationTime ?? null,
  }),
  async undo(ctx, entry) {
    const previous = entry.undo.previousDeprecationTime;
    if (previous !== null && Date.parse(previous) > ctx.now.getTime() + MINUTE_MS) {
      await ctx.pace();
      await ctx.ec2.send(
        new EnableImageDeprecationCommand({
          ImageId: entry.step.resource.id,
          DeprecateAt: new Date(previous),
        }),
      );
      return `deprecation time restored to ${previous}`;
    }
    if (previous !== null) {
      return `left deprecated: the previous deprecation time ${previous} has passed and cannot be set again`;
    }
    await ctx.pace();
    await ctx.ec2.send(new DisableImageDeprecationCommand({ ImageId: entry.step.resource.id }));
    return 'deprecation cancelled';
  },
};
