import type { EC2Client } from '@aws-sdk/client-ec2';
import { describeLaunchPermissions } from '../aws/ec2/launch-permissions.js';
import type { Permission } from './types.js';

export { describeImage, type LiveImage } from '../aws/ec2/images.js';
export { toSdkPermission } from '../aws/ec2/launch-permissions.js';

/** Reads an AMI's launch permissions (owner only), without entries that name no principal. */
export async function readLaunchPermissions(ec2: EC2Client, imageId: string): Promise<Permission[]> {
  return (await describeLaunchPermissions(ec2, imageId)).filter((p) => Object.keys(p).length > 0);
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
