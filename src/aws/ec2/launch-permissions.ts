import {
  DescribeImageAttributeCommand,
  type EC2Client,
  type LaunchPermission as SdkLaunchPermission,
} from '@aws-sdk/client-ec2';
import { type AwsCall, directCall } from '../call.js';

/** Who may launch an AMI, in the inventory's spelling (exactly one field set). */
export interface LaunchPermission {
  group?: 'all';
  userId?: string;
  organizationArn?: string;
  organizationalUnitArn?: string;
}

/** SDK LaunchPermission → inventory shape (only the fields AWS set). */
export function toLaunchPermission(p: SdkLaunchPermission): LaunchPermission {
  const lp: LaunchPermission = {};
  if (p.Group === 'all') lp.group = 'all';
  if (p.UserId) lp.userId = p.UserId;
  if (p.OrganizationArn) lp.organizationArn = p.OrganizationArn;
  if (p.OrganizationalUnitArn) lp.organizationalUnitArn = p.OrganizationalUnitArn;
  return lp;
}

/** Inventory shape → SDK LaunchPermission. */
export function toSdkPermission(p: LaunchPermission): SdkLaunchPermission {
  const out: SdkLaunchPermission = {};
  if (p.group === 'all') out.Group = 'all';
  if (p.userId) out.UserId = p.userId;
  if (p.organizationArn) out.OrganizationArn = p.organizationArn;
  if (p.organizationalUnitArn) out.OrganizationalUnitArn = p.organizationalUnitArn;
  return out;
}

/** Reads an AMI's launch permissions (one DescribeImageAttribute; the owner only can). */
export async function describeLaunchPermissions(
  ec2: EC2Client,
  imageId: string,
  call: AwsCall = directCall,
): Promise<LaunchPermission[]> {
  const out = await call('DescribeImageAttribute', () =>
    ec2.send(new DescribeImageAttributeCommand({ ImageId: imageId, Attribute: 'launchPermission' })),
  );
  return (out.LaunchPermissions ?? []).map(toLaunchPermission);
}
