import {
  type CreateVolumePermission,
  DescribeSnapshotAttributeCommand,
  type EC2Client,
  paginateDescribeSnapshots,
  type Snapshot,
} from '@aws-sdk/client-ec2';
import { type AwsCall, directCall } from '../call.js';
import { pagesOf, throughCall } from '../pages.js';

/** Lists the account's own snapshots, 1,000 per page (paginated, so never the unpaginated 50/10 bucket). */
export async function* listOwnedSnapshots(
  ec2: EC2Client,
  call: AwsCall = directCall,
): AsyncGenerator<Snapshot> {
  const pages = paginateDescribeSnapshots(
    { client: throughCall(ec2, 'DescribeSnapshots', call) },
    { OwnerIds: ['self'], MaxResults: 1000 },
  );
  for await (const page of pagesOf(pages)) yield* page.Snapshots ?? [];
}

/** Who may create volumes from a snapshot (its createVolumePermission attribute). */
export async function describeCreateVolumePermissions(
  ec2: EC2Client,
  snapshotId: string,
  call: AwsCall = directCall,
): Promise<CreateVolumePermission[]> {
  const out = await call('DescribeSnapshotAttribute', () =>
    ec2.send(
      new DescribeSnapshotAttributeCommand({ SnapshotId: snapshotId, Attribute: 'createVolumePermission' }),
    ),
  );
  return out.CreateVolumePermissions ?? [];
}
