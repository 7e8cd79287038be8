import { DisableImageDeprecationCommand, EnableImageDeprecationCommand } from '@aws-sdk/client-ec2';
import { describeImage } from '../live.js';
import { type ActionModule, PlanError } from '../types.js';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** EnableImageDeprecation refuses dates more than 10 years ahead. */
const MAX_AHEAD_MS = 10 * 365 * DAY_MS;

interface DeprecationState {
  deprecationTime: string | null;
}

/** The deprecation instant: `at`, or now + inDays (inDays 0 = the next whole minute + 1, since AWS refuses past dates). */
export function deprecateAt(params: Record<string, unknown>, now: Date): string {
  const { inDays, at } = params;
  if (inDays !== undefined && at !== undefined) throw new PlanError('deprecate takes inDays or at, not both');
  if (at !== undefined) {
    if (typeof at !== 'string' || Number.isNaN(Date.parse(at))) {
      throw new PlanError(`deprecate: at must be an ISO 8601 time, got ${JSON.stringify(at)}`);
    }
    const t = Date.parse(at);
    if (t <= now.getTime()) throw new PlanError(`deprecate: at ${at} is in the past`);
    if (t - now.getTime() > MAX_AHEAD_MS)
      throw new PlanError(`deprecate: at ${at} is more than 10 years ahead`);
    return new Date(t).toISOString();
  }
  const days = inDays ?? 0;
  if (typeof days !== 'number' || !Number.isInteger(days) || days < 0 || days > 3650) {
    throw new PlanError(`deprecate: inDays must be an integer from 0 to 3650, got ${JSON.stringify(days)}`);
  }
  const base =
    days === 0 ? Math.ceil(now.getTime() / MINUTE_MS) * MINUTE_MS + MINUTE_MS : now.getTime() + days * DAY_MS;
  return new Date(base).toISOString();
}

/** Schedules EnableImageDeprecation; never postpones an earlier deprecation already set. */
export const deprecate: ActionModule = {
  name: 'deprecate',
  destructive: false,
  reversible: true,
  iamActions: ['ec2:EnableImageDeprecation'],
  undoIamActions: ['ec2:DisableImageDeprecation', 'ec2:EnableImageDeprecation'],
  resourceTypes: ['ec2:image'],
  plan: (finding, now) => ({ deprecateAt: deprecateAt(finding.remediation?.params ?? {}, now) }),
  // The stricter rule wins: a later date would silently loosen an earlier one.
  merge: (a, b) =>
    Date.parse(b.deprecateAt as string) < Date.parse(a.deprecateAt as string) ? { ...b } : { ...a },
  async read(ctx, step): Promise<DeprecationState> {
    const image = await describeImage(ctx.ec2, step.resource.id);
    return { deprecationTime: image?.deprecationTime ?? null };
  },
  done(step, before) {
    const current = (before as DeprecationState).deprecationTime;
    // AWS rounds DeprecateAt to the minute; an equal-or-earlier deprecation already satisfies the step.
    return (
      current !== null && Date.parse(current) <= Date.parse(step.params.deprecateAt as string) + MINUTE_MS
    );
  },
  async apply(ctx, step, before) {
    const at = step.params.deprecateAt as string;
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
    previousDeprecationTime: (before as DeprecationState | null)?.deprecationTime ?? null,
  }),
  async undo(ctx, entry) {
    const previous = (entry.undo as { previousDeprecationTime: string | null }).previousDeprecationTime;
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
