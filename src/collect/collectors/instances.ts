import { DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import type { UsageRecord } from '../../inventory/schema.js';
import { paginate, type Segment } from '../segment.js';

/** Every state but terminated: a stopped instance still pins its AMI. */
export const LIVE_STATES = ['pending', 'running', 'shutting-down', 'stopping', 'stopped'];

/** Emits one usage record per non-terminated instance (filtered and paginated: never the 50/10 bucket). */
export async function collectInstances(seg: Segment, emit: (r: UsageRecord) => void): Promise<void> {
  const ec2 = seg.session.ec2(seg.account, seg.region);
  await paginate(
    (NextToken) =>
      seg.call('DescribeInstances', () =>
        ec2.send(
          new DescribeInstancesCommand({
            Filters: [{ Name: 'instance-state-name', Values: LIVE_STATES }],
            MaxResults: 1000,
            NextToken,
          }),
        ),
      ),
    (p) => p.NextToken,
    (p) => {
      for (const r of p.Reservations ?? []) {
        for (const i of r.Instances ?? []) {
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
    },
  );
}
