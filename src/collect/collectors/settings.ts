import {
  GetImageBlockPublicAccessStateCommand,
  GetSnapshotBlockPublicAccessStateCommand,
} from '@aws-sdk/client-ec2';
import type { AccountRegionRecord } from '../../inventory/schema.js';
import type { Segment } from '../segment.js';

/**
 * Reads AMI and snapshot block-public-access for the account-region. The record is emitted only when
 * both reads succeed: a half-known setting must not look like "unblocked".
 */
export async function collectSettings(seg: Segment, emit: (r: AccountRegionRecord) => void): Promise<void> {
  const ec2 = seg.session.ec2(seg.account, seg.region);
  const [image, snapshot] = await Promise.all([
    seg.call('GetImageBlockPublicAccessState', () => ec2.send(new GetImageBlockPublicAccessStateCommand({}))),
    seg.call('GetSnapshotBlockPublicAccessState', () =>
      ec2.send(new GetSnapshotBlockPublicAccessStateCommand({})),
    ),
  ]);
  const record: AccountRegionRecord = { kind: 'account-region', account: seg.account, region: seg.region };
  if (image.ImageBlockPublicAccessState) record.imageBlockPublicAccess = image.ImageBlockPublicAccessState;
  if (image.ManagedBy) record.imageBlockPublicAccessManagedBy = image.ManagedBy;
  if (snapshot.State) record.snapshotBlockPublicAccess = snapshot.State;
  emit(record);
  seg.items = 1;
}
