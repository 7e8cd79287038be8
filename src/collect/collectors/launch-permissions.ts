import { describeLaunchPermissions } from '../../aws/ec2/launch-permissions.js';
import { errorCode } from '../../aws/errors.js';
import type { ImageRecord } from '../../inventory/schema.js';
import type { Collector } from '../collector.js';
import { forEachPooled } from '../pool.js';
import type { Segment } from '../segment.js';

/** Workers per account-region: enough to keep a 15/s bucket busy at ~1 s latency, few enough to stay fair. */
const WORKERS = 16;

/**
 * Fills `launchPermissions` of each owned AMI: one DescribeImageAttribute per AMI (the only N+1 of a
 * scan), paced per account-region. Disabled AMIs have none (DisableImage removes them all), so they cost
 * no call. The first failure other than a vanished AMI stops the segment; AMIs left without data keep
 * `launchPermissions` absent, which the engine reads as "not collected".
 */
export async function collectLaunchPermissions(seg: Segment, images: ImageRecord[]): Promise<void> {
  const ec2 = seg.session.ec2(seg.account, seg.region);
  const queue = images.filter((img) => {
    if (img.state === 'disabled') {
      img.launchPermissions = [];
      return false;
    }
    return true;
  });
  await forEachPooled(queue, WORKERS, async (img) => {
    try {
      img.launchPermissions = await describeLaunchPermissions(ec2, img.imageId, seg.call);
      seg.items += 1;
    } catch (err) {
      // Deregistered between the listing and now: nothing left to share.
      if (errorCode(err).startsWith('InvalidAMIID')) img.launchPermissions = [];
      else throw err;
    }
  });
}

/** Who may launch each AMI, written into the image records before they go out. */
export const launchPermissionsCollector: Collector<'launch-permissions'> = {
  name: 'launch-permissions',
  dependsOn: ['images'],
  uses: [],
  iamActions: ['ec2:DescribeImageAttribute'],
  async run(ctx) {
    await collectLaunchPermissions(ctx.segment, ctx.dependency('images'));
    return undefined;
  },
};
