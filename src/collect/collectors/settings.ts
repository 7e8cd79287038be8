import {
  getImageBlockPublicAccess,
  getSnapshotBlockPublicAccess,
} from '../../aws/ec2/block-public-access.js';
import type { AccountRegionRecord } from '../../inventory/schema.js';
import type { Collector } from '../collector.js';
import type { Segment } from '../segment.js';

/**
 * Reads AMI and snapshot block-public-access for the account-region. The record is emitted only when
 * both reads succeed: a half-known setting must not look like "unblocked".
 */
export async function collectSettings(seg: Segment, emit: (r: AccountRegionRecord) => void): Promise<void> {
  const ec2 = seg.session.ec2(seg.account, seg.region);
  const [image, snapshot] = await Promise.all([
    getImageBlockPublicAccess(ec2, seg.call),
    getSnapshotBlockPublicAccess(ec2, seg.call),
  ]);
  const record: AccountRegionRecord = { kind: 'account-region', account: seg.account, region: seg.region };
  if (image.ImageBlockPublicAccessState) record.imageBlockPublicAccess = image.ImageBlockPublicAccessState;
  if (image.ManagedBy) record.imageBlockPublicAccessManagedBy = image.ManagedBy;
  if (snapshot.State) record.snapshotBlockPublicAccess = snapshot.State;
  emit(record);
  seg.items = 1;
}

/** The account-region's AMI and snapshot block-public-access settings. */
export const settingsCollector: Collector<'settings'> = {
  name: 'settings',
  dependsOn: [],
  uses: [],
  iamActions: ['ec2:GetImageBlockPublicAccessState', 'ec2:GetSnapshotBlockPublicAccessState'],
  async run(ctx) {
    await collectSettings(ctx.segment, ctx.emit);
    return undefined;
  },
};
