import {
  type AutoScalingClient,
  type AutoScalingGroup,
  type LaunchTemplateSpecification,
  paginateDescribeAutoScalingGroups,
} from '@aws-sdk/client-auto-scaling';
import { type AwsCall, directCall } from '../call.js';
import { pagesOf, throughCall } from '../pages.js';
import type { TemplateSpec } from './launch-templates.js';

/** Lists the account-region's auto scaling groups; `pageSize` is MaxRecords (AWS's default when absent). */
export async function* listAutoScalingGroups(
  asg: AutoScalingClient,
  pageSize?: number,
  call: AwsCall = directCall,
): AsyncGenerator<AutoScalingGroup> {
  const pages = paginateDescribeAutoScalingGroups(
    { client: throughCall(asg, 'DescribeAutoScalingGroups', call) },
    pageSize ? { MaxRecords: pageSize } : {},
  );
  for await (const page of pagesOf(pages)) yield* page.AutoScalingGroups ?? [];
}

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
