import {
  DescribeImageAttributeCommand,
  DescribeImagesCommand,
  type EC2Client,
  type Image,
  type LaunchPermission as SdkLaunchPermission,
} from '@aws-sdk/client-ec2';
import { errorCode } from '../aws/errors.js';
import { toLaunchPermission } from '../collect/collectors/launch-permissions.js';
import type { Permission } from './types.js';

/** The live facts about an AMI the re-checks and actions compare (a compact DescribeImages projection). */
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
export async function describeImage(ec2: EC2Client, imageId: string): Promise<LiveImage | undefined> {
  let image: Image | undefined;
  try {
    const out = await ec2.send(
      new DescribeImagesCommand({ ImageIds: [imageId], IncludeDeprecated: true, IncludeDisabled: true }),
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

/** Reads an AMI's launch permissions (owner only). */
export async function readLaunchPermissions(ec2: EC2Client, imageId: string): Promise<Permission[]> {
  const out = await ec2.send(
    new DescribeImageAttributeCommand({ ImageId: imageId, Attribute: 'launchPermission' }),
  );
  return (out.LaunchPermissions ?? []).map(toLaunchPermission).filter((p) => Object.keys(p).length > 0);
}

/** Inventory schema shape → SDK LaunchPermission. */
export function toSdkPermission(p: Permission): SdkLaunchPermission {
  const out: SdkLaunchPermission = {};
  if (p.group === 'all') out.Group = 'all';
  if (p.userId) out.UserId = p.userId;
  if (p.organizationArn) out.OrganizationArn = p.organizationArn;
  if (p.organizationalUnitArn) out.OrganizationalUnitArn = p.organizationalUnitArn;
  return out;
}

/** A stable identity for a permission, for set comparisons. */
export function permissionKey(p: Permission): string {
  if (p.group) return `group:${p.group}`;
  if (p.userId) return `user:${p.userId}`;
  if (p.organizationArn) return `org:${p.organizationArn}`;
  if (p.organizationalUnitArn) return `ou:${p.organizationalUnitArn}`;
  return 'empty';
}

/** Human form of a permission: all, 111122223333, arn:…:organization/o-…, arn:…:ou/… */
export function permissionLabel(p: Permission): string {
  return permissionKey(p).replace(/^[a-z]+:/, '');
}

/** Whether a value is a well-formed launch permission object (evidence read from a findings file). */
export function isPermission(v: unknown): v is Permission {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length !== 1) return false;
  const [k] = keys;
  if (k === 'group') return o.group === 'all';
  return (
    ['userId', 'organizationArn', 'organizationalUnitArn'].includes(k) &&
    typeof o[k] === 'string' &&
    o[k] !== ''
  );
}
