import {
  DescribeImagesCommand,
  type EC2Client,
  type Image,
  paginateDescribeImages,
} from '@aws-sdk/client-ec2';
import { type AwsCall, directCall } from '../call.js';
import { errorCode } from '../errors.js';
import { pagesOf, throughCall } from '../pages.js';

/** Lists the AMIs the account owns, deprecated and disabled ones included, 1,000 per page. */
export async function* listOwnedImages(ec2: EC2Client, call: AwsCall = directCall): AsyncGenerator<Image> {
  const pages = paginateDescribeImages(
    { client: throughCall(ec2, 'DescribeImages', call) },
    { Owners: ['self'], IncludeDeprecated: true, IncludeDisabled: true, MaxResults: 1000 },
  );
  for await (const page of pagesOf(pages)) yield* page.Images ?? [];
}

/** The live facts about an AMI that remediation's re-checks and actions compare (a compact DescribeImages projection). */
export interface LiveImage {
  imageId: string;
  name?: string;
  state?: string;
  creationDate?: string;
  public: boolean;
  ownerId?: string;
  ownerAlias?: string;
  deprecationTime?: string;
  deregistrationProtection?: string;
  lastLaunchedTime?: string;
  tags: Record<string, string>;
  snapshotIds: string[];
}

/** Reads one AMI (deprecated and disabled included); undefined when it no longer exists or is deregistered. */
export async function describeImage(
  ec2: EC2Client,
  imageId: string,
  call: AwsCall = directCall,
): Promise<LiveImage | undefined> {
  let image: Image | undefined;
  try {
    const out = await call('DescribeImages', () =>
      ec2.send(
        new DescribeImagesCommand({ ImageIds: [imageId], IncludeDeprecated: true, IncludeDisabled: true }),
      ),
    );
    image = out.Images?.find((i) => i.ImageId === imageId);
  } catch (err) {
    // AWS answers an unknown id with an error, not an empty list.
    if (/InvalidAMIID\.(NotFound|Unavailable)/.test(errorCode(err))) return undefined;
    throw err;
  }
  if (!image || image.State === 'deregistered') return undefined;
  const tags: Record<string, string> = {};
  for (const t of image.Tags ?? []) if (t.Key !== undefined) tags[t.Key] = t.Value ?? '';
  return {
    imageId,
    name: image.Name,
    state: image.State,
    creationDate: image.CreationDate,
    public: image.Public === true,
    ownerId: image.OwnerId,
    ownerAlias: image.ImageOwnerAlias,
    deprecationTime: image.DeprecationTime,
    deregistrationProtection: image.DeregistrationProtection,
    lastLaunchedTime: image.LastLaunchedTime,
    tags,
    snapshotIds: (image.BlockDeviceMappings ?? []).flatMap((b) =>
      b.Ebs?.SnapshotId ? [b.Ebs.SnapshotId] : [],
    ),
  };
}
