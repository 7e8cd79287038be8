import type { AutoScalingGroup } from '@aws-sdk/client-auto-scaling';
import { listAutoScalingGroups, templateSpecsOf } from '../../aws/ec2/auto-scaling-groups.js';
import { launchConfigurationImage } from '../../aws/ec2/launch-configurations.js';
import type { UsageRecord } from '../../inventory/schema.js';
import type { Collector } from '../collector.js';
import { LaunchTemplateIndex } from '../launch-template-index.js';
import type { Segment } from '../segment.js';
import { describeTemplateVersion } from './launch-templates.js';

/**
 * Emits a usage record per (ASG, image) after resolving its launch templates and launch configuration
 * to image ids — from what the template and configuration collectors found, else with one call each.
 */
export async function collectAutoScalingGroups(
  seg: Segment,
  emit: (r: UsageRecord) => void,
  templates: LaunchTemplateIndex,
  configurations: Map<string, string>,
): Promise<void> {
  const asg = seg.session.autoScaling(seg.account, seg.region);
  const groups: AutoScalingGroup[] = [];
  for await (const g of listAutoScalingGroups(asg, 100, seg.call)) groups.push(g);
  const resolved = new Map<string, string | undefined>();
  for (const g of groups) {
    if (!g.AutoScalingGroupName) continue;
    const uses = new Map<string, string>();
    for (const spec of templateSpecsOf(g)) {
      const key = `${spec.id ?? ''}|${spec.name ?? ''}@${spec.version}`;
      let imageId = templates.lookup(spec) ?? resolved.get(key);
      if (imageId === undefined && !resolved.has(key)) {
        imageId = await describeTemplateVersion(seg, spec);
        resolved.set(key, imageId);
      }
      if (imageId) uses.set(imageId, `${spec.id ?? spec.name}:${spec.version}`);
    }
    const lcName = g.LaunchConfigurationName;
    if (lcName) {
      let imageId = configurations.get(lcName);
      if (imageId === undefined) {
        imageId = await launchConfigurationImage(asg, lcName, seg.call);
        if (imageId) configurations.set(lcName, imageId);
      }
      if (imageId) uses.set(imageId, `launch-configuration:${lcName}`);
    }
    for (const [imageId, detail] of uses) {
      emit({
        kind: 'usage',
        imageId,
        account: seg.account,
        region: seg.region,
        source: 'auto-scaling-group',
        refId: g.AutoScalingGroupName,
        detail,
      });
      seg.items += 1;
    }
  }
}

/** Auto scaling groups and the AMIs their launch templates and configurations launch. */
export const autoScalingGroupsCollector: Collector<'auto-scaling-groups'> = {
  name: 'auto-scaling-groups',
  dependsOn: [],
  uses: ['launch-templates', 'launch-configurations'],
  iamActions: [
    'autoscaling:DescribeAutoScalingGroups',
    // Versions and configurations the other collectors did not list are looked up one by one.
    'ec2:DescribeLaunchTemplateVersions',
    'autoscaling:DescribeLaunchConfigurations',
  ],
  async run(ctx) {
    await collectAutoScalingGroups(
      ctx.segment,
      ctx.emit,
      ctx.input('launch-templates') ?? new LaunchTemplateIndex(),
      ctx.input('launch-configurations') ?? new Map(),
    );
    return undefined;
  },
};
