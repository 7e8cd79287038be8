import {
  type AutoScalingGroup,
  DescribeAutoScalingGroupsCommand,
  DescribeLaunchConfigurationsCommand,
  type LaunchTemplateSpecification,
} from '@aws-sdk/client-auto-scaling';
import type { UsageRecord } from '../../inventory/schema.js';
import { paginate, type Segment } from '../segment.js';
import { describeTemplateVersion, type LaunchTemplateIndex, type TemplateSpec } from './launch-templates.js';

/** Every launch template an ASG can launch from: its own, the mixed-instances one, and each override's. */
export function templateSpecsOf(group: AutoScalingGroup): TemplateSpec[] {
  const specs: (LaunchTemplateSpecification | undefined)[] = [
    group.LaunchTemplate,
    group.MixedInstancesPolicy?.LaunchTemplate?.LaunchTemplateSpecification,
    ...(group.MixedInstancesPolicy?.LaunchTemplate?.Overrides ?? []).map(
      (o) => o.LaunchTemplateSpecification,
    ),
  ];
  const out: TemplateSpec[] = [];
  const seen = new Set<string>();
  for (const s of specs) {
    if (!s || (!s.LaunchTemplateId && !s.LaunchTemplateName)) continue;
    const spec: TemplateSpec = {
      ...(s.LaunchTemplateId ? { id: s.LaunchTemplateId } : {}),
      ...(s.LaunchTemplateName ? { name: s.LaunchTemplateName } : {}),
      version: s.Version ?? '$Default',
    };
    const key = `${spec.id ?? spec.name}@${spec.version}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(spec);
  }
  return out;
}

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
  await paginate(
    (NextToken) =>
      seg.call('DescribeAutoScalingGroups', () =>
        asg.send(new DescribeAutoScalingGroupsCommand({ MaxRecords: 100, NextToken })),
      ),
    (p) => p.NextToken,
    (p) => {
      groups.push(...(p.AutoScalingGroups ?? []));
    },
  );
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
        const out = await seg.call('DescribeLaunchConfigurations', () =>
          asg.send(new DescribeLaunchConfigurationsCommand({ LaunchConfigurationNames: [lcName] })),
        );
        imageId = out.LaunchConfigurations?.[0]?.ImageId;
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
