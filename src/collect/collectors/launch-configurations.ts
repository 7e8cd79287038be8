import { listLaunchConfigurations } from '../../aws/ec2/launch-configurations.js';
import type { UsageRecord } from '../../inventory/schema.js';
import type { Collector } from '../collector.js';
import type { Segment } from '../segment.js';

/** Emits one usage record per launch configuration and returns name → image id for the ASG collector. */
export async function collectLaunchConfigurations(
  seg: Segment,
  emit: (r: UsageRecord) => void,
): Promise<Map<string, string>> {
  const asg = seg.session.autoScaling(seg.account, seg.region);
  const images = new Map<string, string>();
  for await (const lc of listLaunchConfigurations(asg, 100, seg.call)) {
    if (!lc.LaunchConfigurationName || !lc.ImageId) continue;
    images.set(lc.LaunchConfigurationName, lc.ImageId);
    emit({
      kind: 'usage',
      imageId: lc.ImageId,
      account: seg.account,
      region: seg.region,
      source: 'launch-configuration',
      refId: lc.LaunchConfigurationName,
    });
    seg.items += 1;
  }
  return images;
}

/** Launch configurations and the AMI each names. */
export const launchConfigurationsCollector: Collector<'launch-configurations'> = {
  name: 'launch-configurations',
  dependsOn: [],
  uses: [],
  iamActions: ['autoscaling:DescribeLaunchConfigurations'],
  run: (ctx) => collectLaunchConfigurations(ctx.segment, ctx.emit),
};
