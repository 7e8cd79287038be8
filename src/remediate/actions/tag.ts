import {
  CreateTagsCommand,
  DeleteTagsCommand,
  DescribeSnapshotsCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { tag as meta, REVIEW_TAG } from '../../catalog/actions/tag.js';
import type { Finding } from '../../findings/model.js';
import { describeImage } from '../live.js';
import { type ActionModule, type ParamsOf, PlanError } from '../types.js';

type TagState = {
  /** Value of each planned key before the step, null = absent. */
  tags: Record<string, string | null>;
};
type TagParams = { tags: Record<string, string> };
type TagUndo = { previous: Record<string, string | null>; set: Record<string, string> };

function expand(template: string, finding: Finding, now: Date): string {
  return template
    .replaceAll('{ruleId}', finding.ruleId)
    .replaceAll('{findingId}', finding.id)
    .replaceAll('{date}', now.toISOString().slice(0, 10));
}

async function currentTags(
  ec2: EC2Client,
  type: string,
  id: string,
): Promise<Record<string, string> | undefined> {
  if (type === 'ec2:image') return (await describeImage(ec2, id))?.tags;
  const out = await ec2.send(new DescribeSnapshotsCommand({ SnapshotIds: [id] }));
  const snap = out.Snapshots?.find((s) => s.SnapshotId === id);
  if (!snap) return undefined;
  return Object.fromEntries((snap.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
}

/** Marks a resource for review with tags (default amiaudit:review=<rule id>); `{ruleId}`, `{findingId}`, `{date}` expand. */
export const tag: ActionModule<ParamsOf<typeof meta>, TagParams, TagState, TagUndo> = {
  meta,
  plan(finding, params, now) {
    const given = params.tags ?? { [REVIEW_TAG]: '{ruleId}' };
    const tags: Record<string, string> = {};
    for (const [k, v] of Object.entries(given)) {
      if (k.length < 1) {
        throw new PlanError(
          `tag: ${JSON.stringify(k)} is not a usable tag key (1-128 characters, no aws: prefix)`,
        );
      }
      const value = expand(v, finding, now);
      if (value.length > 256)
        throw new PlanError(`tag: the value of ${JSON.stringify(k)} is longer than 256 characters`);
      tags[k] = value;
    }
    return { tags };
  },
  merge(a, b) {
    const tags = { ...a.tags };
    for (const [k, v] of Object.entries(b.tags)) {
      const prev = tags[k];
      // Two rules setting the same key (amiaudit:review={ruleId}) keep both values.
      if (prev === undefined) tags[k] = v;
      else if (!prev.split(',').includes(v)) {
        const joined = `${prev},${v}`;
        if (joined.length > 256)
          throw new PlanError(`tag: merged value of ${JSON.stringify(k)} is longer than 256 characters`);
        tags[k] = joined;
      }
    }
    if (Object.keys(tags).length > 40)
      throw new PlanError('tag: more than 40 tags after merging the findings');
    return { tags };
  },
  describe: (params) =>
    Object.entries(params.tags)
      .map(([k, v]) => `${k}=${v}`)
      .join(' '),
  async read(ctx, step) {
    const live = await currentTags(ctx.ec2, step.resource.type, step.resource.id);
    if (!live) throw new Error(`${step.resource.id} no longer exists`);
    const keys = Object.keys(step.params.tags);
    return { tags: Object.fromEntries(keys.map((k) => [k, live[k] ?? null])) };
  },
  done(step, before) {
    return Object.entries(step.params.tags).every(([k, v]) => before.tags[k] === v);
  },
  async apply(ctx, step, before) {
    const want = step.params.tags;
    await ctx.pace();
    await ctx.ec2.send(
      new CreateTagsCommand({
        Resources: [step.resource.id],
        Tags: Object.entries(want).map(([Key, Value]) => ({ Key, Value })),
      }),
    );
    return {
      result: `tagged ${Object.keys(want).join(', ')}`,
      after: { tags: want },
      undo: tag.undoData(step, before),
    };
  },
  undoData: (step, before) => ({ previous: before.tags, set: step.params.tags }),
  async undo(ctx, entry) {
    const { previous, set } = entry.undo;
    const id = entry.step.resource.id;
    const added = Object.keys(set).filter((k) => previous[k] === null);
    const overwritten = Object.keys(set).filter((k) => previous[k] !== null && previous[k] !== set[k]);
    if (added.length) {
      await ctx.pace();
      // Value given: DeleteTags leaves a tag someone has changed since.
      await ctx.ec2.send(
        new DeleteTagsCommand({ Resources: [id], Tags: added.map((Key) => ({ Key, Value: set[Key] })) }),
      );
    }
    if (overwritten.length) {
      await ctx.pace();
      await ctx.ec2.send(
        new CreateTagsCommand({
          Resources: [id],
          Tags: overwritten.map((Key) => ({ Key, Value: previous[Key] as string })),
        }),
      );
    }
    const parts = [];
    if (added.length) parts.push(`removed ${added.join(', ')}`);
    if (overwritten.length) parts.push(`restored ${overwritten.join(', ')}`);
    return parts.join('; ') || 'nothing to revert';
  },
};
