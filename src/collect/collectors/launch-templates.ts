import type { LaunchTemplateVersion } from '@aws-sdk/client-ec2';
import {
  isAlias,
  listDefaultAndLatestVersions,
  type TemplateSpec,
  templateVersionImage,
} from '../../aws/ec2/launch-templates.js';
import type { UsageRecord } from '../../inventory/schema.js';
import type { Collector } from '../collector.js';
import { LaunchTemplateIndex } from '../launch-template-index.js';
import type { Segment } from '../segment.js';

/** Resolves one version that the listing did not hold (an ASG pinned to version 3, an SSM alias). */
export async function describeTemplateVersion(seg: Segment, spec: TemplateSpec): Promise<string | undefined> {
  const imageId = await templateVersionImage(seg.session.ec2(seg.account, seg.region), spec, true, seg.call);
  return isAlias(imageId) ? undefined : imageId;
}

/**
 * Lists the $Latest and $Default version of every launch template in one paginated call (no template
 * id) and emits a usage record per version that names an AMI. SSM aliases are resolved per version;
 * one that cannot be resolved fails the segment after every other version was recorded.
 */
export async function collectLaunchTemplates(
  seg: Segment,
  emit: (r: UsageRecord) => void,
  index: LaunchTemplateIndex,
): Promise<void> {
  const ec2 = seg.session.ec2(seg.account, seg.region);
  const versions: LaunchTemplateVersion[] = [];
  for await (const v of listDefaultAndLatestVersions(ec2, 200, seg.call)) versions.push(v);
  const latest = new Map<string, number>();
  for (const v of versions) {
    if (v.LaunchTemplateId && v.VersionNumber !== undefined) {
      latest.set(v.LaunchTemplateId, Math.max(latest.get(v.LaunchTemplateId) ?? 0, v.VersionNumber));
    }
  }
  const seen = new Set<string>();
  const unresolved: string[] = [];
  for (const v of versions) {
    const id = v.LaunchTemplateId;
    const n = v.VersionNumber;
    if (!id || n === undefined) continue;
    const refId = `${id}:v${n}`;
    if (seen.has(refId)) continue;
    seen.add(refId);
    let imageId = v.LaunchTemplateData?.ImageId;
    if (isAlias(imageId)) {
      const alias = imageId;
      imageId = await describeTemplateVersion(seg, { id, version: String(n) });
      if (!imageId) unresolved.push(`${refId} (${alias})`);
    }
    if (!imageId) continue;
    const aliases = [...(v.DefaultVersion ? ['$Default'] : []), ...(latest.get(id) === n ? ['$Latest'] : [])];
    index.add({ id, name: v.LaunchTemplateName, version: n, imageId }, aliases);
    emit({
      kind: 'usage',
      imageId,
      account: seg.account,
      region: seg.region,
      source: 'launch-template',
      refId,
      detail: [v.LaunchTemplateName, ...aliases].filter(Boolean).join(' '),
    });
    seg.items += 1;
  }
  // A version whose alias cannot be resolved may launch any AMI: usage in this account-region is not
  // proven complete, so the segment fails (a coverage gap) and unused verdicts here turn inconclusive.
  if (unresolved.length > 0) {
    throw new Error(`could not resolve the SSM parameter alias of launch template ${unresolved.join(', ')}`);
  }
}

/** The $Latest and $Default launch template versions and the AMI each launches. */
export const launchTemplatesCollector: Collector<'launch-templates'> = {
  name: 'launch-templates',
  dependsOn: [],
  uses: [],
  iamActions: ['ec2:DescribeLaunchTemplateVersions'],
  async run(ctx) {
    const index = new LaunchTemplateIndex();
    // Shared before the run: when an alias fails the segment, the versions it did resolve still spare
    // the ASG collector a call each.
    ctx.share(index);
    await collectLaunchTemplates(ctx.segment, ctx.emit, index);
    return index;
  },
};
