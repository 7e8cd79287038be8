import {
  type EC2Client,
  GetImageBlockPublicAccessStateCommand,
  type GetImageBlockPublicAccessStateCommandOutput,
  GetSnapshotBlockPublicAccessStateCommand,
  type GetSnapshotBlockPublicAccessStateCommandOutput,
} from '@aws-sdk/client-ec2';
import { type AwsCall, directCall } from '../call.js';

/** The account-region's AMI block-public-access state (and who manages it). */
export function getImageBlockPublicAccess(
  ec2: EC2Client,
  call: AwsCall = directCall,
): Promise<GetImageBlockPublicAccessStateCommandOutput> {
  return call('GetImageBlockPublicAccessState', () =>
    ec2.send(new GetImageBlockPublicAccessStateCommand({})),
  );
}

/** The account-region's snapshot block-public-access state. */
export function getSnapshotBlockPublicAccess(
  ec2: EC2Client,
  call: AwsCall = directCall,
): Promise<GetSnapshotBlockPublicAccessStateCommandOutput> {
  return call('GetSnapshotBlockPublicAccessState', () =>
    ec2.send(new GetSnapshotBlockPublicAccessStateCommand({})),
  );
}
