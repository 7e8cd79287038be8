import { DescribeLaunchConfigurationsCommand } from '@aws-sdk/client-auto-scaling';
import type { UsageRecord } from '../../inventory/schema.js';
import { paginate, type Segment } from '../segment.js';

/** Emits one usage record per launch configuration and returns name → image id for the ASG collector. */
export async function collectLaunchConfigurations(
  seg: Segment,
  emit: (r: UsageRecord) => void,
): Promise<Map<string, string>> {
  const asg = seg.session.autoScaling(seg.account, seg.region);
  const images = new Map<string, string>();
  await paginate(
    (NextToken) =>
      seg.call('DescribeLaunchConfigurations', () =>
        asg.send(new DescribeLaunchConfigurationsCommand({ MaxRecords: 100, NextToken })),
      ),
    (p) => p.NextToken,
    (p) => {
      for (const lc of p.LaunchConfigurations ?? []) {
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
    },
  );
  return images;
}
