import type { Image } from '@aws-sdk/client-ec2';
import { listOwnedImages } from '../../aws/ec2/images.js';
import type { BlockDevice, ImageRecord } from '../../inventory/schema.js';
import type { Collector } from '../collector.js';
import type { Segment } from '../segment.js';

function iso(value: string | Date | undefined): string | undefined {
  if (value === undefined) return undefined;
  return value instanceof Date ? value.toISOString() : value;
}

/** Copies only defined values, so the record carries no `undefined` keys. */
function defined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined || o[k] === '') delete o[k];
  return o;
}

/** Maps an EC2 Image into an inventory image record (every field a rule can use). */
export function toImageRecord(account: string, region: string, img: Image): ImageRecord {
  const tags: Record<string, string> = {};
  for (const t of img.Tags ?? []) if (t.Key !== undefined) tags[t.Key] = t.Value ?? '';
  const blockDevices: BlockDevice[] = (img.BlockDeviceMappings ?? []).map((b) =>
    defined({
      deviceName: b.DeviceName,
      snapshotId: b.Ebs?.SnapshotId,
      volumeSize: b.Ebs?.VolumeSize,
      volumeType: b.Ebs?.VolumeType,
      encrypted: b.Ebs?.Encrypted,
      kmsKeyId: b.Ebs?.KmsKeyId,
      virtualName: b.VirtualName,
    }),
  );
  return defined({
    kind: 'image' as const,
    account,
    region,
    imageId: img.ImageId!,
    name: img.Name,
    description: img.Description,
    ownerId: img.OwnerId,
    ownerAlias: img.ImageOwnerAlias,
    creationDate: iso(img.CreationDate),
    state: img.State,
    public: img.Public === true,
    platform: img.Platform,
    platformDetails: img.PlatformDetails,
    usageOperation: img.UsageOperation,
    architecture: img.Architecture,
    imageType: img.ImageType,
    rootDeviceType: img.RootDeviceType,
    rootDeviceName: img.RootDeviceName,
    virtualizationType: img.VirtualizationType,
    hypervisor: img.Hypervisor,
    bootMode: img.BootMode,
    tpmSupport: img.TpmSupport,
    imdsSupport: img.ImdsSupport,
    enaSupport: img.EnaSupport,
    sriovNetSupport: img.SriovNetSupport,
    deprecationTime: iso(img.DeprecationTime),
    deregistrationProtection: img.DeregistrationProtection,
    lastLaunchedTime: iso(img.LastLaunchedTime),
    imageAllowed: img.ImageAllowed,
    freeTierEligible: img.FreeTierEligible,
    sourceImageId: img.SourceImageId,
    sourceImageRegion: img.SourceImageRegion,
    sourceInstanceId: img.SourceInstanceId,
    productCodes: img.ProductCodes?.length
      ? img.ProductCodes.map((p) => p.ProductCodeId ?? '').filter(Boolean)
      : undefined,
    tags,
    blockDevices,
  });
}

/** Lists the AMIs the account owns, deprecated and disabled ones included, as inventory records. */
export async function collectImages(seg: Segment): Promise<ImageRecord[]> {
  const images: ImageRecord[] = [];
  for await (const img of listOwnedImages(seg.session.ec2(seg.account, seg.region), seg.call)) {
    if (img.ImageId) images.push(toImageRecord(seg.account, seg.region, img));
  }
  seg.items = images.length;
  return images;
}

/** The AMI listing: every other per-image collector starts from it. */
export const imagesCollector: Collector<'images'> = {
  name: 'images',
  dependsOn: [],
  uses: [],
  iamActions: ['ec2:DescribeImages'],
  ranksFirst: true,
  async run(ctx) {
    const images = await collectImages(ctx.segment);
    ctx.sizeKnown(images.length);
    return images;
  },
  // Images go out after their launch permissions so each record is complete.
  deferredRecords: (images) => images,
};
