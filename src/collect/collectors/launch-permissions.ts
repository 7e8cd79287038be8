import {
  DescribeImageAttributeCommand,
  type LaunchPermission as SdkLaunchPermission,
} from '@aws-sdk/client-ec2';
import { errorCode } from '../../aws/errors.js';
import type { ImageRecord, LaunchPermission } from '../../inventory/schema.js';
import { forEachPooled } from '../pool.js';
import type { Segment } from '../segment.js';

/** Workers per account-region: enough to keep a 15/s bucket busy at ~1 s latency, few enough to stay fair. */
const WORKERS = 16;

/** SDK LaunchPermission → inventory shape (only the fields AWS set). */
export function toLaunchPermission(p: SdkLaunchPermission): LaunchPermission {
  const lp: LaunchPermission = {};
  if (p.Group === 'all') lp.group = 'all';
  if (p.UserId) lp.userId = p.UserId;
  if (p.OrganizationArn) lp.organizationArn = p.OrganizationArn;
  if (p.OrganizationalUnitArn) lp.organizationalUnitArn = p.OrganizationalUnitArn;
  return lp;
}

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
      const out = await seg.call('DescribeImageAttribute', () =>
        ec2.send(new DescribeImageAttributeCommand({ ImageId: img.imageId, Attribute: 'launchPermission' })),
      );
      img.launchPermissions = (out.LaunchPermissions ?? []).map(toLaunchPermission);
      seg.items += 1;
    } catch (err) {
      // Deregistered between the listing and now: nothing left to share.
      if (errorCode(err).startsWith('InvalidAMIID')) img.launchPermissions = [];
      else throw err;
    }
  });
}
