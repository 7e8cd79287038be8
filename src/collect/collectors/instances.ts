import { listLiveInstances } from '../../aws/ec2/instances.js';
import type { UsageRecord } from '../../inventory/schema.js';
import type { Collector } from '../collector.js';
import type { Segment } from '../segment.js';

/** Emits one usage record per non-terminated instance (filtered and paginated: never the 50/10 bucket). */
export async function collectInstances(seg: Segment, emit: (r: UsageRecord) => void): Promise<void> {
  const ec2 = seg.session.ec2(seg.account, seg.region);
  for await (const i of listLiveInstances(ec2, { pageSize: 1000 }, seg.call)) {
    if (!i.ImageId || !i.InstanceId || i.State?.Name === 'terminated') continue;
    emit({
      kind: 'usage',
      imageId: i.ImageId,
      account: seg.account,
      region: seg.region,
      source: 'instance',
      refId: i.InstanceId,
      ...(i.State?.Name ? { detail: i.State.Name } : {}),
    });
    seg.items += 1;
  }
}

/** Instances that pin an AMI. */
export const instancesCollector: Collector<'instances'> = {
  name: 'instances',
  dependsOn: [],
  uses: [],
  iamActions: ['ec2:DescribeInstances'],
  async run(ctx) {
    await collectInstances(ctx.segment, ctx.emit);
    return undefined;
  },
};
