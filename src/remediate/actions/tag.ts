import {
  CreateTagsCommand,
  DeleteTagsCommand,
  DescribeSnapshotsCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import type { Finding } from '../../findings/model.js';
import { describeImage } from '../live.js';
import { type ActionModule, PlanError } from '../types.js';

interface TagState {
  /** Value of each planned key before the step, null = absent. */
  tags: Record<string, string | null>;
}

/** Default mark when a rule gives no tags: amiaudit:review = the rule id. */
export const REVIEW_TAG = 'amiaudit:review';

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
export const tag: ActionModule = {
  name: 'tag',
  destructive: false,
  reversible: true,
  iamActions: ['ec2:CreateTags'],
  undoIamActions: ['ec2:DeleteTags', 'ec2:CreateTags'],
  resourceTypes: ['ec2:image', 'ec2:snapshot'],
  plan(finding, now) {
    const given = finding.remediation?.params?.tags ?? { [REVIEW_TAG]: '{ruleId}' };
    if (!given || typeof given !== 'object' || Array.isArray(given))
      throw new PlanError('tag: tags must be a map');
    const entries = Object.entries(given as Record<string, unknown>);
    if (entries.length === 0 || entries.length > 40) throw new PlanError('tag: give 1 to 40 tags');
    const tags: Record<string, string> = {};
    for (const [k, v] of entries) {
      if (typeof v !== 'string')
        throw new PlanError(`tag: the value of ${JSON.stringify(k)} must be a string`);
      if (k.length < 1 || k.length > 128 || k.toLowerCase().startsWith('aws:')) {
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
    const tags = { ...(a.tags as Record<string, string>) };
    for (const [k, v] of Object.entries(b.tags as Record<string, string>)) {
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
  async read(ctx, step): Promise<TagState> {
    const live = await currentTags(ctx.ec2, step.resource.type, step.resource.id);
    if (!live) throw new Error(`${step.resource.id} no longer exists`);
    const keys = Object.keys(step.params.tags as Record<string, string>);
    return { tags: Object.fromEntries(keys.map((k) => [k, live[k] ?? null])) };
  },
  done(step, before) {
    const want = step.params.tags as Record<string, string>;
    return Object.entries(want).every(([k, v]) => (before as TagState).tags[k] === v);
  },
  async apply(ctx, step, before) {
    const want = step.params.tags as Record<string, string>;
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
  undoData: (step, before) => ({ previous: (before as TagState).tags, set: step.params.tags }),
  async undo(ctx, entry) {
    const { previous, set } = entry.undo as {
      previous: Record<string, string | null>;
      set: Record<string, string>;
    };
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
